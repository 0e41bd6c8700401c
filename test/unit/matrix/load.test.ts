import { MatrixConfigError, parseMatrix } from '../../../functions/core/matrix/load';
import { responseMatrixSchema } from '../../../functions/core/matrix/schema';
import { defaultMatrix, defaultMatrixText, matrixYaml, rule } from './fixtures';

/** 1-based line of the `occurrence`-th line (1 = first) containing `needle`. */
function lineOf(text: string, needle: string, occurrence = 1): number {
  const matching = text
    .split('\n')
    .map((line, i) => (line.includes(needle) ? i + 1 : 0))
    .filter((n) => n > 0);
  const line = matching[occurrence - 1];
  if (line === undefined) throw new Error(`test setup: "${needle}" not in text`);
  return line;
}

function configError(yamlText: string, sourceName?: string): MatrixConfigError {
  try {
    parseMatrix(yamlText, sourceName);
  } catch (error) {
    if (error instanceof MatrixConfigError) return error;
    throw error;
  }
  throw new Error('expected a MatrixConfigError');
}

describe('parseMatrix: the default file', () => {
  it('parses, and agrees with the exported schema', () => {
    expect(defaultMatrix.version).toBe('2026.12-nhs-default.4');
    expect(responseMatrixSchema.safeParse(defaultMatrix).success).toBe(true);
  });

  it('monitors Mon–Fri 09:00–17:00 Europe/London with England and Wales bank holidays', () => {
    expect(defaultMatrix.clock).toEqual({
      timeZone: 'Europe/London',
      monitoredHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
      bankHolidays: 'england-and-wales',
    });
  });

  it('has all 15 rows of the A3 default (row 12 as two rules), in precedence order, plus the three fallbacks', () => {
    expect(defaultMatrix.rules.map((r) => [r.id, r.category, r.priority])).toEqual([
      ['safeguarding-risk-to-life', 'safeguarding', 'P0'],
      ['abuse-or-threat', 'abuse-or-threat', 'P1'],
      ['patient-identifiable-info', 'pii', 'P1'],
      ['media-enquiry', 'media-enquiry', 'P1'],
      ['major-incident', 'major-incident', 'P1'],
      ['formal-complaint-or-legal', 'formal-complaint', 'P2'],
      ['whistleblowing', 'whistleblowing', 'P2'],
      ['political', 'political', 'P2'],
      ['misinformation', 'misinformation', 'P2'],
      ['clinical-question', 'clinical-question', 'P2'],
      ['complaint-about-care', 'complaint', 'P2'],
      ['appointment-or-admin-query', 'admin-query', 'P2'],
      // Row 12 has two halves: spam (hidden within two working days) and trolling (monitor only).
      ['spam-or-advertising', 'troll-or-spam', 'P3'],
      ['general-question', 'general-question', 'P3'],
      ['compliment', 'compliment', 'P3'],
      ['troll-or-spam', 'troll-or-spam', 'monitor'],
      ['own-post', 'own-post', 'monitor'],
      ['deleted', 'deleted', 'monitor'],
      ['unclassified', 'unclassified', 'P3'],
    ]);
  });

  it('raises a threat and emergency words to P0, spreading misinformation to P1; pre-election politics is monitor-only', () => {
    const raised = (id: string) => defaultMatrix.rules.find((r) => r.id === id)!.escalate.map((e) => [e.to, e.byItself]);
    expect(raised('abuse-or-threat')).toEqual([['P0', true]]);
    expect(raised('clinical-question')).toEqual([['P0', true], ['P1', false]]);
    expect(raised('misinformation')).toEqual([['P1', false]]);
    expect(raised('political')).toEqual([]);
    expect(defaultMatrix.rules.find((r) => r.id === 'political')!.duringPreElection).toMatchObject({
      priority: 'monitor',
      publicReply: 'no',
      sla: { kind: 'none' },
      notify: true,
    });
  });

  it('names an existing team as the owner of every rule', () => {
    const teams = new Set(defaultMatrix.teams.map((t) => t.id));
    for (const r of defaultMatrix.rules) expect(teams).toContain(r.owner);
  });

  it('runs P0 on a 24/7 15-minute clock', () => {
    expect(defaultMatrix.rules[0]!.sla).toEqual({ kind: 'minutes', value: 15, allDay: true });
  });
});

describe('parseMatrix: errors name the file and the line', () => {
  it('the brief’s example: a bad priority in the real file', () => {
    const broken = defaultMatrixText.replace('    priority: P2\n', '    priority: P5\n');
    const error = configError(broken);
    const line = lineOf(broken, 'priority: P5');
    expect(error.message).toBe(
      `config/response-matrix.yaml line ${line}, column 15: rules[5].priority must be one of P0, P1, P2, P3, monitor`,
    );
  });

  it('is a MatrixConfigError with a name and the list of problems', () => {
    const error = configError(matrixYaml(rule('a', 'urgent', '{ phrases: [x] }')), 'trust-a/matrix.yaml');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MatrixConfigError');
    expect(error.sourceName).toBe('trust-a/matrix.yaml');
    expect(error.problems).toEqual([
      { line: lineOf(matrixYaml(rule('a', 'urgent', '{}')), 'urgent'), column: 15, path: 'rules[0].priority', problem: 'must be one of P0, P1, P2, P3, monitor' },
    ]);
    expect(error.message).toMatch(/^trust-a\/matrix\.yaml line \d+, column 15: /);
  });

  it.each([
    [
      'a YAML syntax error (a key indented one space short)',
      'version: "x"\nrules:\n  - id: a\n   priority: P1\n',
      4,
      /YAML syntax: /,
    ],
    [
      'a duplicate key',
      'version: "x"\nname: a\nname: b\n',
      3,
      /YAML syntax: Map keys must be unique/,
    ],
    [
      'a missing setting points at the rule that lacks it',
      matrixYaml(rule('a', 'P1', '{ phrases: [x] }').replace('    owner: comms\n', '')),
      lineOf(matrixYaml(rule('a', 'P1', '{}')), '- id: a'),
      /rules\[0\]\.owner is required/,
    ],
    [
      'a misspelt setting points at the key',
      matrixYaml(rule('a', 'P1', '{ phrases: [x] }', { extra: '    prioirty: P0\n' })),
      lineOf(matrixYaml(rule('a', 'P1', '{}', { extra: '    prioirty: P0\n' })), 'prioirty'),
      /rules\[0\] has unknown setting "prioirty" \(check the spelling\)/,
    ],
    [
      'an invalid regular expression',
      matrixYaml(rule('a', 'P1', "{ patterns: ['(unclosed'] }")),
      lineOf(matrixYaml(rule('a', 'P1', '{}')), 'signals:'),
      /rules\[0\]\.signals\.patterns\[0\] is not a valid regular expression/,
    ],
    [
      'a pattern that matches empty text',
      matrixYaml(rule('a', 'P1', "{ patterns: ['x*'] }")),
      lineOf(matrixYaml(rule('a', 'P1', '{}')), 'signals:'),
      /rules\[0\]\.signals\.patterns\[0\] matches empty text/,
    ],
    [
      'an unknown detector',
      matrixYaml(rule('a', 'P1', '{ detectors: [nhs-numbr] }')),
      lineOf(matrixYaml(rule('a', 'P1', '{}')), 'signals:'),
      /rules\[0\]\.signals\.detectors\[0\] must be one of nhs-number, email, uk-phone, date-of-birth, postcode, question, /,
    ],
    [
      'an unknown SLA kind',
      matrixYaml(rule('a', 'P1', '{ phrases: [x] }').replace('{ kind: workingHours, value: 1 }', '{ kind: hours, value: 1 }')),
      lineOf(matrixYaml(rule('a', 'P1', '{}')), 'sla:'),
      /rules\[0\]\.sla\.kind must be one of minutes, workingHours, endOfWorkingDay, workingDays, none/,
    ],
    [
      'a negative SLA',
      matrixYaml(rule('a', 'P1', '{ phrases: [x] }').replace('value: 1 }', 'value: -1 }')),
      lineOf(matrixYaml(rule('a', 'P1', '{}')), 'sla:'),
      /rules\[0\]\.sla\.value must be more than 0/,
    ],
    [
      'a rule with no signals that is not the default',
      matrixYaml(rule('a', 'P1', '{}')),
      lineOf(matrixYaml(rule('a', 'P1', '{}')), '- id: a'),
      /rules\[0\] has no signals, so it can never fire/,
    ],
    [
      'a repeated rule id',
      matrixYaml(rule('a', 'P1', '{ phrases: [x] }') + rule('a', 'P2', '{ phrases: [y] }')),
      lineOf(matrixYaml(rule('a', 'P1', '{}') + rule('a', 'P2', '{}')), '- id: a', 2),
      /rules\[1\]\.id "a" is used by an earlier rule/,
    ],
    [
      'a version written as a number',
      matrixYaml('').replace('version: "test.1"', 'version: 2026.11'),
      1,
      /version must be text \(put it in quotes\)/,
    ],
    [
      'an unknown time zone',
      matrixYaml('').replace('timeZone: Europe/London', 'timeZone: London'),
      4,
      /clock\.timeZone must be an IANA time zone/,
    ],
    [
      'an unquoted or impossible time',
      matrixYaml('').replace('start: "09:00"', 'start: "9am"'),
      5,
      /clock\.monitoredHours\.start must be a time of day as "HH:mm"/,
    ],
    [
      'an empty file',
      '',
      1,
      /must hold the matrix settings: version, name, clock and rules/,
    ],
  ])('%s', (_case, yamlText, line, message) => {
    const error = configError(yamlText);
    expect(error.problems[0]!.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^config/response-matrix\\.yaml line ${line}, column \\d+: `));
    expect(error.message).toMatch(message);
  });

  it('requires a default rule for each kind of interaction, so every interaction gets a decision', () => {
    const withoutOwnDefault = matrixYaml(rule('a', 'P1', '{ phrases: [x] }')).replace('appliesTo: [own-account, deleted]', 'appliesTo: [deleted]');
    const error = configError(withoutOwnDefault);
    expect(error.message).toMatch(/rules needs a rule with default: true that applies to own-account/);
    expect(error.problems[0]!.line).toBe(lineOf(withoutOwnDefault, 'rules:'));
  });

  it('rejects a second default for the same interactions', () => {
    const twoDefaults = matrixYaml(rule('a', 'P1', '{ phrases: [x] }')).replace('appliesTo: [own-account, deleted]', 'appliesTo: [own-account, deleted, others]');
    expect(configError(twoDefaults).message).toMatch(/rules\[2\]\.default is a second default rule for others/);
  });

  it('reports every problem, in line order (not the schema’s order)', () => {
    const valid = matrixYaml(rule('a', 'P1', '{ phrases: [x] }') + rule('b', 'P1', '{ phrases: [y] }'));
    // Move the clock below the rules, then break the clock and both rules.
    const clock = valid.slice(valid.indexOf('clock:'), valid.indexOf('rules:'));
    const reordered = `${valid.replace(clock, '')}${clock}`
      .replace('priority: P1', 'priority: P9')
      .replace('publicReply: "yes"\n    sla: { kind: workingHours, value: 1 }\n    signals: { phrases: [y] }', 'publicReply: maybe\n    sla: { kind: workingHours, value: 1 }\n    signals: { phrases: [y] }')
      .replace('bankHolidays: england-and-wales', 'bankHolidays: wales');
    const error = configError(reordered);
    expect(error.problems.map((p) => p.path)).toEqual(['rules[0].priority', 'rules[1].publicReply', 'clock.bankHolidays']);
    expect(error.problems.map((p) => p.line)).toEqual([...error.problems.map((p) => p.line)].sort((a, b) => a - b));
    expect(error.message.split('\n')).toHaveLength(3);
  });
});

describe('parseMatrix: the full matrix settings, with lines', () => {
  const withRule = (extra: string) => matrixYaml(rule('a', 'P1', '{ phrases: [x] }', { extra }));
  const withProgramme = (owner: string, hashtags = '["#OurFutureHospitals"]') =>
    matrixYaml('').replace(
      'rules:\n',
      `programmes:
  - id: reconfiguration
    name: Reconfiguration
    from: "2026-09-01"
${owner}    hashtags: ${hashtags}
    claims:
      - { id: a, says: [closing], correction: It is not closing., source: https://www.example.nhs.uk/a }
rules:
`,
    );
  it.each([
    [
      'an owner that is not a team',
      matrixYaml(rule('a', 'P1', '{ phrases: [x] }').replace('    owner: comms\n', '    owner: press\n')),
      'owner: press',
      /rules\[0\]\.owner "press" is not a team; the teams are: comms/,
    ],
    [
      'an unknown risk appetite',
      matrixYaml('').replace('name: Test matrix\n', 'name: Test matrix\nriskAppetite: reckless\n'),
      'riskAppetite: reckless',
      /riskAppetite must be one of cautious, balanced, open/,
    ],
    [
      'an appetite override that is not a setting',
      withRule('    appetite:\n      cautious: { priorty: P0 }\n'),
      'cautious: { priorty',
      /rules\[0\]\.appetite\.cautious has unknown setting "priorty"/,
    ],
    [
      'balanced is not an override (it is the rule as written)',
      withRule('    appetite:\n      balanced: { priority: P0 }\n'),
      'balanced: { priority',
      /rules\[0\]\.appetite has unknown setting "balanced"/,
    ],
    [
      'an escalation with no signals',
      withRule('    escalate:\n      - { to: P0, reason: urgent, when: {} }\n'),
      '- { to: P0',
      /rules\[0\]\.escalate\[0\]\.when must list at least one signal/,
    ],
    [
      'an escalation to a priority that does not exist',
      withRule('    escalate:\n      - { to: P00, reason: urgent, when: { phrases: [y] } }\n'),
      '- { to: P00',
      /rules\[0\]\.escalate\[0\]\.to must be one of P0, P1, P2, P3, monitor/,
    ],
    [
      'a pre-election date that is not a date',
      matrixYaml('').replace('rules:\n', 'preElectionPeriods:\n  - { name: GE, from: "2029-02-30x", to: "2029-05-03" }\nrules:\n'),
      'from: "2029-02-30x"',
      /preElectionPeriods\[0\]\.from must be a date as "YYYY-MM-DD"/,
    ],
    [
      'a pre-election period that ends before it starts',
      matrixYaml('').replace('rules:\n', 'preElectionPeriods:\n  - { name: GE, from: "2029-05-03", to: "2029-04-01" }\nrules:\n'),
      'name: GE',
      /preElectionPeriods\[0\]\.to must not be before from/,
    ],
    [
      'a language the detector does not know',
      matrixYaml('').replace('rules:\n', 'language:\n  detect: [en, klingon]\nrules:\n'),
      'detect: [en, klingon]',
      /language\.detect\[1\] must be one of en, cy/,
    ],
    [
      'a claim with nothing it says',
      matrixYaml('').replace('rules:\n', 'misinformation:\n  claims:\n    - { id: mmr, about: [mmr], says: [] }\nrules:\n'),
      '- { id: mmr',
      /misinformation\.claims\[0\]\.says must list at least one claim phrase/,
    ],
    [
      'a course of conduct of one post',
      withRule('    courseOfConduct: { posts: 1, withinDays: 28, counting: [a] }\n'),
      'courseOfConduct',
      /rules\[0\]\.courseOfConduct\.posts must be at least 2/,
    ],
    [
      'an unknown bank holiday region',
      matrixYaml('').replace('bankHolidays: england-and-wales', 'bankHolidays: wales'),
      'bankHolidays: wales',
      /clock\.bankHolidays must be one of england-and-wales, scotland, northern-ireland, none/,
    ],
    [
      'a programme whose owner is not a team',
      withProgramme('    owner: change-team\n'),
      'owner: change-team',
      /programmes\[0\]\.owner "change-team" is not a team; the teams are: comms/,
    ],
    [
      'a hashtag without its #',
      withProgramme('    owner: comms\n', '["#OurFutureHospitals", "FutureHospitals"]'),
      '"FutureHospitals"]',
      /programmes\[0\]\.hashtags\[1\] must be a hashtag, e.g. #OurFutureHospitals/,
    ],
    [
      'a programme claim without a web address as its source',
      withProgramme('    owner: comms\n').replace('source: https://www.example.nhs.uk/a', 'source: our website'),
      'source: our website',
      /programmes\[0\]\.claims\[0\]\.source must be a web address/,
    ],
    [
      'an incidentMode SLA that is not a deadline',
      matrixYaml('').replace('rules:\n', 'incidentMode:\n  sla:\n    P1: { kind: none }\nrules:\n'),
      'P1: { kind: none }',
      /incidentMode\.sla\.P1 must be a deadline: incident mode only tightens deadlines/,
    ],
    [
      'an incidentMode SLA of an unknown kind',
      matrixYaml('').replace('rules:\n', 'incidentMode:\n  sla:\n    P2: { kind: hours, value: 2 }\nrules:\n'),
      'P2: { kind: hours',
      /incidentMode\.sla\.P2\.kind must be one of minutes, workingHours, endOfWorkingDay, workingDays, none/,
    ],
    [
      'an incidentMode SLA for monitor (which never has a deadline)',
      matrixYaml('').replace('rules:\n', 'incidentMode:\n  sla:\n    monitor: { kind: workingDays, value: 1 }\nrules:\n'),
      'monitor: { kind: workingDays',
      /incidentMode\.sla has unknown setting "monitor"/,
    ],
    [
      'a holding-line category no rule has',
      matrixYaml('').replace('rules:\n', 'incidentMode:\n  holdingLineFor: [unclassified, complaints]\nrules:\n'),
      'holdingLineFor: [unclassified, complaints]',
      /incidentMode\.holdingLineFor\[1\] "complaints" is not the category of any rule; the categories are: own-post, unclassified/,
    ],
    [
      'a pre-election comms lead that is not a team',
      matrixYaml('').replace('rules:\n', 'preElection:\n  commsLead: press-office\nrules:\n'),
      'commsLead: press-office',
      /preElection\.commsLead "press-office" is not a team; the teams are: comms/,
    ],
    [
      'a rule that tells the comms lead when no team is the comms lead',
      withRule('    duringPreElection: { priority: monitor, notify: true }\n'),
      'duringPreElection',
      /rules\[0\]\.duringPreElection\.notify tells the comms lead, but there is no team called comms-lead: name the team in preElection\.commsLead/,
    ],
    [
      'a misspelt duringPreElection setting',
      withRule('    duringPreElection: { priority: monitor, notfy: true }\n'),
      'duringPreElection',
      /rules\[0\]\.duringPreElection has unknown setting "notfy"/,
    ],
  ])('%s', (_case, yamlText, lineText, message) => {
    const error = configError(yamlText);
    expect(error.message).toMatch(message);
    const problem = error.problems.find((p) => message.test(`${p.path} ${p.problem}`))!;
    expect(problem.line).toBe(lineOf(yamlText, lineText));
  });

  it.each(['scotland', 'northern-ireland', 'none'])('accepts bankHolidays: %s', (region) => {
    expect(parseMatrix(matrixYaml('').replace('bankHolidays: england-and-wales', `bankHolidays: ${region}`)).clock.bankHolidays).toBe(region);
  });
});
