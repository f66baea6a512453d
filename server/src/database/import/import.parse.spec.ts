import { featureOffsets, lineIndex } from './import.json-offsets';
import { kindFromColumns, kindFromFileName, parseImportFile } from './import.parse';

const TEAM_HEADER =
  'code,name,kind,members,subdistrict_code,lon,lat,equipment,leader_name,leader_phone';
const TEAM_ROW = 'T1,新安队,professional,20,440306001,113.88,22.57,橡皮艇;抽水泵,陈一,13600000001';

function parsed(text: string, name = 'teams.csv') {
  const r = parseImportFile(text, name);
  if (!r.ok) throw new Error(`expected a parsed file, got ${r.error.message}`);
  return r.file;
}

function fileError(text: string, name = 'teams.csv') {
  const r = parseImportFile(text, name);
  if (r.ok) throw new Error('expected IMPORT_INVALID_FILE');
  return r.error;
}

describe(parseImportFile.name, () => {
  describe('csv', () => {
    it('strips a BOM, reads CRLF and gives each record its physical line', () => {
      const text = `\uFEFF${TEAM_HEADER}\r\n${TEAM_ROW}\r\n\r\n"T2","多行\r\n名称",social,5,440306002,113.87,22.58,,陈二,13600000002\r\n${TEAM_ROW.replace('T1', 'T3')}`;
      const file = parsed(text);
      expect(file.kind).toBe('teams');
      expect(file.rows.map((r) => [r.line, r.values.code])).toEqual([
        [2, 'T1'],
        [4, 'T2'],
        [6, 'T3'],
      ]);
      expect(file.rows[1]?.values.name).toBe('多行\r\n名称');
    });

    it('finds the right line when an earlier record has the same text', () => {
      const file = parsed(
        `${TEAM_HEADER}\n${TEAM_ROW}\n"x\ny",${TEAM_ROW.slice(3)}\n${TEAM_ROW}\n`,
      );
      expect(file.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    });

    it('flags a record with the wrong number of fields as a row problem', () => {
      const file = parsed(`${TEAM_HEADER}\nT1,新安队,professional,20\n`);
      expect(file.rows[0]?.problem?.message).toMatch(/4 fields but the header has 10/);
    });

    it('rejects a header without the required columns of the kind', () => {
      const e = fileError(
        'code,name,kind,subdistrict_code,lon,lat,leader_name,leader_phone\nT1,a,social,440306001,113.8,22.6,b,13600000001\n',
      );
      expect(e).toMatchObject({ code: 'IMPORT_INVALID_FILE', line: 1 });
      expect(e.message).toContain('members');
    });

    it('rejects an empty file and a header without rows', () => {
      expect(fileError('\uFEFF \n').message).toMatch(/empty/);
      expect(fileError(`${TEAM_HEADER}\n\n`).message).toMatch(/no rows/);
    });

    it('rejects an unterminated quote with its line', () => {
      expect(fileError(`${TEAM_HEADER}\n"T1,a\n`)).toMatchObject({
        code: 'IMPORT_INVALID_FILE',
        line: 2,
      });
    });

    it('reports unknown columns', () => {
      expect(parsed(`${TEAM_HEADER},remark\n${TEAM_ROW},x\n`).unknownColumns).toEqual(['remark']);
    });
  });

  describe('kind', () => {
    it('prefers --kind, then the file name, then the columns', () => {
      expect(kindFromFileName('/x/rescue-teams-2025.csv')).toBe('teams');
      expect(kindFromFileName('Waterlogging.geojson')).toBe('points');
      expect(kindFromFileName('data.csv')).toBeUndefined();
      expect(parsed(`${TEAM_HEADER}\n${TEAM_ROW}\n`, 'export.csv').kind).toBe('teams');
      expect(parseImportFile(`${TEAM_HEADER}\n${TEAM_ROW}\n`, 'shelters.csv', 'teams').ok).toBe(
        true,
      );
    });

    it('is IMPORT_INVALID_FILE when the columns fit no kind or several', () => {
      expect(() => kindFromColumns(['code', 'name', 'lon', 'lat'])).toThrow(/cannot tell/);
      expect(() => kindFromColumns(['code', 'capacity', 'members'])).toThrow(/cannot tell/);
      expect(fileError('code,name\nA,b\n', 'data.csv').code).toBe('IMPORT_INVALID_FILE');
    });
  });

  describe('geojson', () => {
    const feature = (code: string, coords = '[113.88, 22.57]') =>
      `{"type":"Feature","geometry":{"type":"Point","coordinates":${coords}},"properties":{"code":"${code}","members":3,"equipment":["a","b"]}}`;

    it('takes lon/lat from the geometry and the line where each feature starts', () => {
      const text = `{\n  "type": "FeatureCollection",\n  "features": [\n    ${feature('A')},\n    ${feature('B', '[1, 2]')}\n  ]\n}\n`;
      const file = parsed(text, 'teams.geojson');
      expect(
        file.rows.map((r) => [r.line, r.values.code, r.values.lon, r.values.lat, r.sharedLine]),
      ).toEqual([
        [4, 'A', '113.88', '22.57', false],
        [5, 'B', '1', '2', false],
      ]);
      expect(file.rows[0]?.values.equipment).toBe('a;b');
      expect(file.rows[0]?.values.members).toBe('3');
    });

    it('marks features sharing one line so errors can name their index', () => {
      const text = `{"type":"FeatureCollection","features":[${feature('A')},${feature('B')}]}`;
      expect(
        parsed(text, 'teams.geojson').rows.map((r) => [r.line, r.featureIndex, r.sharedLine]),
      ).toEqual([
        [1, 0, true],
        [1, 1, true],
      ]);
    });

    it('flags a feature without a Point geometry', () => {
      const text = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"code":"A","members":1}}]}`;
      expect(parsed(text, 'teams.geojson').rows[0]?.problem).toEqual({
        column: 'geometry',
        message: expect.stringMatching(/Point/),
      });
    });

    it('rejects text that is not JSON or not a FeatureCollection', () => {
      expect(fileError('{"type":', 'teams.geojson').message).toMatch(/not valid JSON/);
      expect(fileError('{"type":"Feature"}', 'teams.geojson').message).toMatch(/FeatureCollection/);
      expect(
        fileError('{"type":"FeatureCollection","features":[]}', 'teams.geojson').message,
      ).toMatch(/no features/);
    });
  });
});

describe(featureOffsets.name, () => {
  it('ignores braces and brackets inside strings and nested "features" keys', () => {
    const text =
      '{"name":"a [ { \\" ]","features":[{"p":{"features":[1,2]}},\n {"q":"}"} ],"x":[3]}';
    const lineOf = lineIndex(text);
    expect(featureOffsets(text).map((o) => [text[o], lineOf(o)])).toEqual([
      ['{', 1],
      ['{', 2],
    ]);
  });
});
