import { describe, expect, it } from 'vitest';
import baseCss from '../styles/base.css?raw';

// Text colours against the backgrounds they sit on, in both themes, at WCAG AA (4.5:1) for
// normal text. The values are read from base.css, so a changed token is checked as written.

function block(selector: string): Map<string, string> {
  const start = baseCss.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`base.css has no ${selector} block`);
  const body = baseCss.slice(start, baseCss.indexOf('\n}', start));
  return new Map([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6});/gi)].map(([, name, value]) => [name ?? '', value ?? '']));
}

const light = block(':root');
const dark = new Map([...light, ...block(":root[data-theme='dark']")]);

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((index) => Number.parseInt(hex.slice(index, index + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}

const PAIRS: [text: string, background: string][] = [
  ['--color-text', '--color-bg'],
  ['--color-text', '--color-bg-subtle'],
  ['--color-text', '--color-bg-hover'],
  ['--color-text-muted', '--color-bg'],
  ['--color-text-muted', '--color-bg-subtle'],
  ['--color-text-muted', '--color-bg-hover'],
  ['--color-on-primary', '--color-primary'],
  ['--color-on-primary', '--color-primary-hover'],
  ['--color-on-danger', '--color-danger'],
  ['--color-danger', '--color-bg'],
  ['--color-danger', '--color-danger-bg'],
  ['--color-accent', '--color-bg'],
  ['--color-info-text', '--color-info-bg'],
  ['--color-success-text', '--color-success-bg'],
  ['--color-warning-text', '--color-warning-bg'],
  ['--color-warning-text', '--color-bg'],
  ['--color-text', '--color-mark'],
  ['--color-code-text', '--color-code-bg'],
  ['--color-pre-text', '--color-pre-bg'],
  ['--color-quote-text', '--color-bg'],
  ['--color-diff-add-text', '--color-diff-add-bg'],
  ['--color-diff-del-text', '--color-diff-del-bg'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme text contrast', (_name, tokens) => {
  it.each(PAIRS)('%s on %s is at least 4.5:1', (text, background) => {
    const foreground = tokens.get(text);
    const behind = tokens.get(background);
    expect(foreground, text).toBeDefined();
    expect(behind, background).toBeDefined();
    expect(contrast(foreground ?? '', behind ?? '')).toBeGreaterThanOrEqual(4.5);
  });
});
