// A charge station: its connection, protocol, what it said at boot, each EVSE's last limit and the station's answer;
// and a button that sends its limits again.
import { useState } from 'preact/hooks';
import { html, Loading, ErrorBox, Empty, useLoad, amps, when } from './ui.js';
import { get, post, enc } from './api.js';

export function StationPage({ id }) {
  const station = useLoad(() => get(`/charge-stations/${enc(id)}`), [id]);
  const [resend, setResend] = useState(null);
  const [busy, setBusy] = useState(false);
  const again = async () => {
    setBusy(true);
    setResend(null);
    try {
      const answer = await post(`/charge-stations/${enc(id)}/resend-profiles`);
      setResend({ ok: true, answer });
      station.reload();
    } catch (error) {
      setResend({ ok: false, error });
    } finally {
      setBusy(false);
    }
  };
  if (station.loading && !station.data) return html`<h1>Charge station</h1><${Loading} what="Loading the station" />`;
  if (station.error && !station.data) return html`<p><a href="#/groups">← Groups</a></p><h1>Charge station</h1><${ErrorBox} error=${station.error} retry=${station.reload} />`;
  const s = station.data;
  return html`<article aria-labelledby="station-title">
    <p><a href="#/groups">← Groups</a></p>
    <div class="title-row">
      <h1 id="station-title">${s.charge_station_id}</h1>
      <div class="actions"><button type="button" onClick=${again} disabled=${busy || !s.connected}
        title=${s.connected ? '' : 'the station is not connected'}>${busy ? 'Sending…' : 'Send its limits again'}</button></div>
    </div>
    ${resend && resend.ok && html`<p class="notice" role="status">The station answered: ${JSON.stringify(resend.answer)}</p>`}
    ${resend && !resend.ok && html`<${ErrorBox} error=${resend.error} />`}
    <dl class="facts">
      <div><dt>Connection</dt><dd>${s.connected ? html`<span class="badge ok">connected</span>` : html`<span class="badge warn">offline</span>`}</dd></div>
      <div><dt>Protocol</dt><dd>${s.protocol || '–'}</dd></div>
      <div><dt>Connected since</dt><dd>${when(s.connected_at)}</dd></div>
      <div><dt>Last seen</dt><dd>${when(s.last_seen)}</dd></div>
      <div><dt>CPO</dt><dd>${s.cpo_id || '–'}</dd></div>
      <div><dt>Vendor, model</dt><dd>${[s.vendor, s.model].filter(Boolean).join(' ') || '–'}</dd></div>
      <div><dt>Firmware</dt><dd>${s.firmware_version || '–'}</dd></div>
      <div><dt>Password</dt><dd>${s.password_set ? 'set' : 'not set'}</dd></div>
    </dl>
    <section class="card" aria-labelledby="station-evses">
      <h2 id="station-evses">EVSEs and their last limits</h2>
      ${s.evses.length === 0 ? html`<${Empty}>No EVSE is registered at this station.</${Empty}>` : html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">EVSE</th><th scope="col">Connector</th><th scope="col">Group</th><th scope="col">Last limit</th>
          <th scope="col">Sent</th><th scope="col">Answer</th><th scope="col">Answered</th></tr></thead>
        <tbody>${s.evses.map((e) => html`<tr key=${e.evse_id}><th scope="row">${e.evse_id}</th><td>${e.connector_id}</td>
          <td>${e.group_id ? html`<a href=${`#/groups/${enc(e.group_id)}`}>${e.group_id}</a>` : '–'}</td>
          <td>${e.last_profile ? amps(e.last_profile.limit_amps) : '–'}</td><td>${when(e.last_profile && e.last_profile.sent_at)}</td>
          <td>${e.last_profile ? answerBadge(e.last_profile.status) : '–'}</td><td>${when(e.last_profile && e.last_profile.answered_at)}</td></tr>`)}</tbody>
      </table></div>`}
    </section>
  </article>`;
}

function answerBadge(status) {
  if (!status) return '–';
  const good = /accepted/i.test(status);
  return html`<span class=${`badge ${good ? 'ok' : 'warn'}`}>${status.toLowerCase()}</span>`;
}
