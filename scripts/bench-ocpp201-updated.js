// Run: NODE_PATH=/tmp/ocpp-load/node_modules node scripts/bench-ocpp201-updated.js ws://127.0.0.1:9080/ocpp 1000 10 30 <server pid>
// (stations LD-00001.. onboarded by scripts/bench-ocpp-load.sh, whose load tool copy brings ocpp-rpc).
// OCPP 2.0.1 load: N stations (LD-00001..) boot, start a transaction on EVSE 1, then each sends TransactionEvent Updated with
// the same meter values in a closed loop; prints Updated events answered per second and per server CPU-second.
const { RPCClient } = require('ocpp-rpc');
const fs = require('fs');
const [url, n, warm, flood, pid] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]), process.argv[6]];
const now = () => new Date().toISOString();
const meter = () => [{ timestamp: now(), sampledValue: ['L1', 'L2', 'L3'].map((phase) => ({ value: 10, measurand: 'Current.Import', phase,
  context: 'Sample.Periodic', unitOfMeasure: { unit: 'A' } })) }];
const cpu = () => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
(async () => {
  const clients = [];
  for (let i = 1; i <= n; i++) {
    const id = `LD-${String(i).padStart(5, '0')}`;
    const cli = new RPCClient({ endpoint: url, identity: id, protocols: ['ocpp2.0.1'], password: 'load-bench-station-pw', strictMode: false, reconnect: false });
    cli.handle(() => ({ status: 'Accepted' }));
    await cli.connect();
    await cli.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } });
    const tx = `tx-${Date.now()}-${i}`;
    await cli.call('TransactionEvent', { eventType: 'Started', timestamp: now(), triggerReason: 'CablePluggedIn', seqNo: 0,
      transactionInfo: { transactionId: tx, chargingState: 'Charging' }, evse: { id: 1, connectorId: 1 }, meterValue: meter() });
    clients.push({ cli, tx, seq: 1 });
    if (i % 100 === 0) await new Promise((r) => setTimeout(r, 50));
  }
  let counting = false; let answered = 0; let errors = 0; let stop = false;
  const loop = async (c) => {
    while (!stop) {
      try {
        await c.cli.call('TransactionEvent', { eventType: 'Updated', timestamp: now(), triggerReason: 'MeterValuePeriodic', seqNo: c.seq++,
          transactionInfo: { transactionId: c.tx, chargingState: 'Charging' }, meterValue: meter() });
        if (counting) answered++;
      } catch (e) { errors++; }
    }
  };
  clients.forEach((c) => loop(c));
  await new Promise((r) => setTimeout(r, warm * 1000));
  const c0 = cpu(); counting = true; const t0 = Date.now();
  await new Promise((r) => setTimeout(r, flood * 1000));
  counting = false; const c1 = cpu(); const secs = (Date.now() - t0) / 1000;
  stop = true;
  console.log(JSON.stringify({ stations: n, window_s: secs, answered, per_s: Math.round(answered / secs), server_cpu_s: c1 - c0,
    per_server_cpu_s: Math.round(answered / (c1 - c0)), errors }));
  await new Promise((r) => setTimeout(r, 2000));
  for (const c of clients) {
    try { await c.cli.call('TransactionEvent', { eventType: 'Ended', timestamp: now(), triggerReason: 'EVDeparted', seqNo: c.seq++,
      transactionInfo: { transactionId: c.tx, stoppedReason: 'Local' } }); } catch (e) { /* counted above */ }
    c.cli.close();
  }
  process.exit(0);
})();
