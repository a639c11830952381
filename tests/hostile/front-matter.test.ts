// Hostile front matter against the site's pre-build check (validate-notes.ts) and schema: alias bombs,
// control characters, dates no calendar has, empty dates; each is reported with file, line and field,
// quickly, and a seeded run of hostile notes never makes the check throw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attemptNote } from '../../bench/fuzz/front-matter.ts';
import { noteSchema } from '../../src/markdown/note-schema.ts';
import { checkNoteSource } from '../../src/markdown/validate-notes.ts';

const FUZZ_SEEDS = 1500;

/** `levels` anchors, each a list of nine copies of the one before: 9^levels names. */
function aliasBomb(levels: number): string {
  let yaml = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < levels; i++) yaml += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return yaml;
}

describe('front matter: alias bombs', () => {
  for (const levels of [8, 9]) {
    it(`reports a ${levels}-level alias bomb in tags with its line, in well under a second`, () => {
      const text = `---\ntitle: t\n${aliasBomb(levels)}tags: *a${levels - 1}\n---\nbody\n`;
      const started = performance.now();
      const problems = checkNoteSource('content/notes/bomb.md', text);
      assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]?.file, 'content/notes/bomb.md');
      assert.equal(problems[0]?.line, 4, 'the first alias is on line 4');
      assert.match(problems[0]!.message, /aliases/);
    });
  }

  it('the schema itself flattens a list of shared lists (js-yaml’s reading of a bomb) within a budget', () => {
    let list: unknown[] = ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'];
    for (let i = 0; i < 9; i++) list = Array(9).fill(list);
    const started = performance.now();
    const result = noteSchema.safeParse({ title: 't', tags: list });
    assert.ok(performance.now() - started < 1000);
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues[0]?.path, ['tags']);
    assert.match(result.error!.issues[0]!.message, /more than 200 names/);
  });
});

describe('front matter: dates', () => {
  const cases: [string, string, RegExp][] = [
    ['date: 2023-13-45', 'date', /no month 13/],
    ['date: 2023-02-30', 'date', /28 days, not 30/],
    ['date: "2023-02-30"', 'date', /28 days, not 30/],
    ['date: "2023-01-01 25:61:00"', 'date', /not a time of day/],
    ['date: 2023-01-01 25:61:00', 'date', /not a time of day/],
    ['date: 99999-01-01', 'date', /cannot read "99999-01-01"/],
    ['date:', 'date', /is empty/],
    ['updated: "not a date"', 'updated', /cannot read "not a date" as a date/],
    ['updated: 2024-02-30 10:00:00', 'updated', /29 days, not 30/],
  ];
  for (const [line, field, message] of cases) {
    it(`rejects \`${line}\` naming file, line and field`, () => {
      const problems = checkNoteSource('content/notes/d.md', `---\ntitle: t\n${line}\n---\n`);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]?.line, 3);
      assert.equal(problems[0]?.field, field);
      assert.match(problems[0]!.message, message);
      assert.doesNotMatch(problems[0]!.message, /Invalid input/);
    });
  }

  it('still accepts every date form the notes use, leap days included', () => {
    for (const date of ['2023-05-16 20:29:07', '2023-05-16', '2024-02-29', '2024-01-02T03:04:05+08:00', '"2023-05-16 20:29:07"', '2023-05-16T20:29:07.5Z']) {
      assert.deepEqual(checkNoteSource('n.md', `---\ntitle: t\ndate: ${date}\nupdated:\n---\n`), [], date);
    }
  });
});

describe('front matter: control characters', () => {
  it('refuses a note with NUL or another control character, naming line and character', () => {
    const problems = checkNoteSource('content/notes/c.md', '---\ntitle: "a\u0000b"\n---\n\nbody \u0007 bell\n');
    // YAML's reader also refuses the NUL in the title; the control characters come first.
    assert.equal(problems[0]?.file, 'content/notes/c.md');
    assert.equal(problems[0]?.line, 2);
    assert.match(problems[0]!.message, /2 control characters .*U\+0000 at 2:10, U\+0007 at 5:6/);
  });

  it('keeps tabs, line breaks and CRLF', () => {
    assert.deepEqual(checkNoteSource('n.md', '---\r\ntitle: t\r\n---\r\n\tcode\r\n'), []);
  });
});

describe('front matter: clear messages for values of the wrong kind', () => {
  for (const [line, field] of [['tags: 2023-05-16', 'tags'], ['categories: .nan', 'categories'], ['description: !!binary aGVsbG8=', 'description']]) {
    it(`\`${line}\` names ${field} and what it got`, () => {
      const [problem] = checkNoteSource('n.md', `---\ntitle: t\n${line}\n---\n`);
      assert.equal(problem?.field, field);
      assert.doesNotMatch(problem!.message, /Invalid input$/);
      assert.match(problem!.message, /got /);
    });
  }
});

describe('front matter: fuzz', () => {
  it(`${FUZZ_SEEDS} seeded hostile notes: the check never throws and reports every planted fault`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= FUZZ_SEEDS; seed++) {
      await attemptNote(seed).catch((error: Error) => failures.push(error.message));
    }
    assert.deepEqual(failures, []);
  });
});
