'use strict';
// An OCPP 2.0.1 charge station built on ocpp-rpc in strict mode: every message either way is
// validated against the official OCPP 2.0.1 JSON schemas. Driven by Ocpp201IT through environment
// variables; prints one JSON line with what happened.
const { RPCClient } = require('ocpp-rpc');

const env = process.env;
const endpoint = env.OCPP_URL;
const identity = env.STATION_ID;
const password = env.STATION_PASSWORD;
const scenario = env.SCENARIO || 'charge';
const txId = 'tx-' + Date.now();

const now = () => new Date().toISOString();
const report = {};
const failures = [];
const profiles = [];
let wake = () => {};

function client(pw) {
  const cli = new RPCClient({ endpoint, identity, password: pw, protocols: ['ocpp2.0.1'], strictMode: true,
    reconnect: false, callTimeoutMs: 15000 });
  cli.on('strictValidationFailure', (e) => failures.push({ method: e.method, outbound: e.outbound, isCall: e.isCall,
    error: String(e.error && e.error.message) }));
  cli.handle('SetChargingProfile', ({ params }) => {
    profiles.push(params);
    wake();
    return { status: 'Accepted' };
  });
  return cli;
}

async function waitFor(what, test, ms = 15000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = profiles.find(test);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('no SetChargingProfile with ' + what + ' within ' + ms + ' ms; got '
      + JSON.stringify(profiles.map((p) => [p.evseId, p.chargingProfile.chargingProfilePurpose,
        p.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].limit])));
    await new Promise((resolve) => { wake = resolve; setTimeout(resolve, 200); });
  }
}

/** When the group's EVSE status first shows this measured current (polling the API, at most 15 s). */
async function shown(amps) {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    const answer = await fetch(`${env.API_URL}/api/v1/smart-charging-groups/${encodeURIComponent(env.GROUP_ID)}/evse-status`,
      { headers: { Authorization: `Bearer ${env.API_TOKEN}` } });
    const page = await answer.json();
    if (page.items.some((e) => e.measured_amps === amps)) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the measured current never showed ${amps} A`);
}

const firstLimit = (p) => p.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].limit;
const current = (amps) => [{ timestamp: now(), sampledValue: ['L1', 'L2', 'L3'].map((phase) => ({ value: amps,
  measurand: 'Current.Import', phase, context: 'Sample.Periodic', unitOfMeasure: { unit: 'A' } })) }];

async function charge() {
  const cli = client(password);
  await cli.connect();
  report.boot = await cli.call('BootNotification', { reason: 'PowerUp',
    chargingStation: { model: 'Model-201', vendorName: 'GridVendor', firmwareVersion: '2.0.1-test' } });
  await cli.call('StatusNotification', { timestamp: now(), connectorStatus: 'Occupied', evseId: 1, connectorId: 1 });
  report.started = await cli.call('TransactionEvent', { eventType: 'Started', timestamp: now(), triggerReason: 'CablePluggedIn', seqNo: 0,
    transactionInfo: { transactionId: txId, chargingState: 'EVConnected' }, evse: { id: 1, connectorId: 1 },
    idToken: { idToken: 'TAG201', type: 'ISO14443' } });
  const full = Number(env.EXPECT_FULL);
  report.txProfile = await waitFor('a TxProfile of ' + full + ' A', (p) => p.chargingProfile.chargingProfilePurpose === 'TxProfile'
    && p.chargingProfile.transactionId === txId && p.evseId === 1 && firstLimit(p) === full);

  await cli.call('MeterValues', { evseId: 1, meterValue: current(Number(env.DRAW)) });
  const capped = Number(env.EXPECT_CAPPED);
  report.capped = await waitFor('a TxProfile of ' + capped + ' A', (p) => p.chargingProfile.transactionId === txId
    && firstLimit(p) === capped);

  report.needs = await cli.call('NotifyEVChargingNeeds', { evseId: 1, chargingNeeds: { requestedEnergyTransfer: 'AC_three_phase',
    departureTime: new Date(Date.now() + 3600000).toISOString(),
    acChargingParameters: { energyAmount: 20000, evMinCurrent: 6, evMaxCurrent: 32, evMaxVoltage: 400 } } });
  report.heartbeat = await cli.call('Heartbeat', {});
  // every other request a 2.0.1 station sends to a CSMS gets a (schema-valid) answer, not a CALLERROR
  report.unprompted = {};
  const evse = { id: 1, connectorId: 1 };
  const unprompted = {
    SecurityEventNotification: { type: 'FirmwareUpdated', timestamp: now(), techInfo: 'from the IT' },
    NotifyEvent: { generatedAt: now(), seqNo: 0, eventData: [{ eventId: 1, timestamp: now(), trigger: 'Delta', actualValue: 'Faulted',
      eventNotificationType: 'HardWiredNotification', component: { name: 'Connector', evse }, variable: { name: 'AvailabilityState' } }] },
    FirmwareStatusNotification: { status: 'Idle' },
    LogStatusNotification: { status: 'Idle' },
    NotifyReport: { requestId: 1, generatedAt: now(), seqNo: 0, tbc: false, reportData: [{ component: { name: 'ChargingStation' },
      variable: { name: 'Model' }, variableAttribute: [{ type: 'Actual', value: 'Model-201' }] }] },
    NotifyMonitoringReport: { requestId: 2, seqNo: 0, generatedAt: now() },
    ClearedChargingLimit: { chargingLimitSource: 'EMS' },
    NotifyChargingLimit: { chargingLimit: { chargingLimitSource: 'EMS' } },
    NotifyCustomerInformation: { data: 'none', seqNo: 0, generatedAt: now(), requestId: 3 },
    NotifyDisplayMessages: { requestId: 4 },
    NotifyEVChargingSchedule: { timeBase: now(), evseId: 1, chargingSchedule: { id: 1, chargingRateUnit: 'A',
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] } },
    PublishFirmwareStatusNotification: { status: 'Idle' },
    ReservationStatusUpdate: { reservationId: 1, reservationUpdateStatus: 'Expired' },
    SignCertificate: { csr: '-----BEGIN CERTIFICATE REQUEST-----' },
    GetCertificateStatus: { ocspRequestData: { hashAlgorithm: 'SHA256', issuerNameHash: 'a', issuerKeyHash: 'b', serialNumber: 'c',
      responderURL: 'http://ocsp.example' } },
    Get15118EVCertificate: { iso15118SchemaVersion: 'urn:iso:15118:2:2013:MsgDef', action: 'Install', exiRequest: 'AAAA' },
  };
  for (const [action, params] of Object.entries(unprompted)) {
    try {
      report.unprompted[action] = await cli.call(action, params);
    } catch (e) {
      report.unprompted[action] = { callError: e.rpcErrorCode || String(e.message || e) };
    }
  }
  report.updated = await cli.call('TransactionEvent', { eventType: 'Updated', timestamp: now(), triggerReason: 'MeterValuePeriodic', seqNo: 1,
    transactionInfo: { transactionId: txId, chargingState: 'Charging' }, meterValue: current(Number(env.DRAW)) });
  let seqNo = 2;
  if (env.DRAW_MOVED) {
    // a reading that moves little is held a moment and written with others, yet shows within seconds
    const small = Number(env.DRAW) + 0.5;
    const sent = Date.now();
    await cli.call('TransactionEvent', { eventType: 'Updated', timestamp: now(), triggerReason: 'MeterValuePeriodic', seqNo: seqNo++,
      transactionInfo: { transactionId: txId, chargingState: 'Charging' }, meterValue: current(small) });
    report.smallShownAfterMs = await shown(small) - sent;
    // one that moves by more than the trigger (2 A) is written at once, and the group allocates again
    await cli.call('TransactionEvent', { eventType: 'Updated', timestamp: now(), triggerReason: 'MeterValuePeriodic', seqNo: seqNo++,
      transactionInfo: { transactionId: txId, chargingState: 'Charging' }, meterValue: current(Number(env.DRAW_MOVED)) });
    report.moved = await waitFor(`a TxProfile above ${capped} A`, (p) => p.chargingProfile.transactionId === txId && firstLimit(p) > capped);
  }
  await cli.call('TransactionEvent', { eventType: 'Ended', timestamp: now(), triggerReason: 'EVDeparted', seqNo,
    transactionInfo: { transactionId: txId, chargingState: 'Idle', stoppedReason: 'EVDisconnected' } });
  report.afterEnd = await waitFor('a TxDefaultProfile after the session', (p) => p.evseId === 1
    && p.chargingProfile.chargingProfilePurpose === 'TxDefaultProfile' && profiles.indexOf(p) > profiles.indexOf(report.capped));
  await cli.close();
}

// Charges on EVSE 1 and holds the session, accepting every limit, until its standard input closes (the test says so).
async function hold() {
  const cli = client(password);
  await cli.connect();
  report.boot = await cli.call('BootNotification', { reason: 'PowerUp',
    chargingStation: { model: 'Model-201', vendorName: 'GridVendor', firmwareVersion: '2.0.1-test' } });
  report.started = await cli.call('TransactionEvent', { eventType: 'Started', timestamp: now(), triggerReason: 'CablePluggedIn', seqNo: 0,
    transactionInfo: { transactionId: txId, chargingState: 'Charging' }, evse: { id: 1, connectorId: 1 },
    idToken: { idToken: 'TAG201', type: 'ISO14443' } });
  console.log(JSON.stringify({ charging: txId }));
  await new Promise((resolve) => { process.stdin.on('end', resolve); process.stdin.on('close', resolve); process.stdin.resume(); });
  await cli.close();
}

async function badPassword() {
  try {
    await client('certainly-not-the-right-password').connect();
    report.refused = 'connected';
  } catch (e) {
    report.refused = e.code || e.name;
  }
}

(async () => {
  try {
    await (scenario === 'bad-password' ? badPassword() : scenario === 'hold' ? hold() : charge());
  } catch (e) {
    report.error = String(e && (e.stack || e.message || e));
  }
  report.failures = failures;
  report.profiles = profiles;
  console.log(JSON.stringify(report));
  process.exit(0);
})();
