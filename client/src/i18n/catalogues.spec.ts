import { ERROR_CODES, ROLES } from '@sanfang/shared';
import { CLIENT_ERROR_CODES } from '../vocabulary/clientErrorCodes';
import { en } from './en';
import { zhCN } from './zh-CN';

/** Every dotted key path of a catalogue, e.g. "auth.username". */
function keyPaths(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]: [string, unknown]) =>
    typeof value === 'object' && value !== null
      ? keyPaths(value, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function leaves(tree: object): unknown[] {
  return Object.values(tree).flatMap((value: unknown) =>
    typeof value === 'object' && value !== null ? leaves(value) : [value],
  );
}

describe('message catalogues', () => {
  it('en has exactly the keys of zh-CN', () => {
    const zhKeys = keyPaths(zhCN).sort();
    const enKeys = keyPaths(en).sort();

    expect(enKeys.filter((key) => !zhKeys.includes(key))).toEqual([]);
    expect(zhKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ] as const)('%s has only non-empty string messages', (_name, catalogue) => {
    for (const leaf of leaves(catalogue)) {
      expect(typeof leaf).toBe('string');
      expect(leaf).not.toBe('');
    }
  });

  it('has a message for every API error code and client error code', () => {
    const codes = [...Object.keys(ERROR_CODES), ...CLIENT_ERROR_CODES];
    for (const code of codes) {
      expect(keyPaths(zhCN)).toContain(`errors.${code}`);
    }
  });

  it('names every role', () => {
    for (const role of ROLES) expect(keyPaths(zhCN)).toContain(`roles.${role}`);
  });

  it('shows the Chinese error for wrong credentials', () => {
    expect(zhCN.errors.AUTH_INVALID_CREDENTIALS).toBe('用户名或密码错误');
  });
});
