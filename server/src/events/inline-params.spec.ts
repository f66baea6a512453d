import { escapeLiteral } from 'pg';
import { inlineParams, quoteLiteral } from './events.repository';

describe('quoteLiteral', () => {
  it.each([
    '',
    'plain',
    "it's",
    "''",
    'C:\\path\\to',
    "a\\'b",
    '\\',
    '深圳市气象台发布暴雨橙色预警信号 🌧',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>O\'Brien \\n</note></alert>',
    'line\nbreak\ttab',
  ])('quotes %j exactly as the driver does', (s) => {
    expect(quoteLiteral(s)).toBe(escapeLiteral(s));
  });
});

describe('inlineParams', () => {
  it('writes each parameter as a literal, NULL for null', () => {
    expect(
      inlineParams('SELECT $1, $2, $3, $4, $10', ["O'Neil", null, 3, true, 0, 0, 0, 0, 0, 'x\\y']),
    ).toBe("SELECT 'O''Neil', NULL, 3, TRUE,  E'x\\\\y'");
  });

  it('refuses anything but a scalar', () => {
    expect(() => inlineParams('SELECT $1', [{ a: 1 }])).toThrow(/parameter \$1/);
  });
});
