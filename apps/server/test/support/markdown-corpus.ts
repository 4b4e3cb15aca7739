// Generated Markdown that looks like real notes: headings, paragraphs with bold, italic, code
// and links, nested bullet lists, ordered lists, task lists, fenced code, GFM tables and
// quotes, deterministic for a seed. Used by the conversion tests and bench/content-cost.ts.

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the of and to in is that for it as with was on be by this are at from or an have not which but all they their can more one will has about other into its some than these time only so may then also'.split(
    ' ',
  );

/** About `bytes` of Markdown (a block more at most). */
export function realisticMarkdown(bytes: number, seed = 1): string {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const inline = () => {
    const parts: string[] = [];
    for (let i = 0, n = 3 + Math.floor(rand() * 6); i < n; i++) {
      const r = rand();
      if (r < 0.1) parts.push(`**${words(2)}**`);
      else if (r < 0.18) parts.push(`*${words(2)}*`);
      else if (r < 0.24) parts.push(`\`${pick(WORDS)}()\``);
      else if (r < 0.32) parts.push(`[${words(2)}](https://example.com/${pick(WORDS)}?q=${i})`);
      else parts.push(words(4 + Math.floor(rand() * 8)));
    }
    return `${parts.join(' ')}.`;
  };
  const blocks: string[] = [];
  let size = 0;
  while (size < bytes) {
    const r = rand();
    let block: string;
    if (blocks.length % 12 === 0) block = `${'#'.repeat(1 + Math.floor(rand() * 3))} ${words(3 + Math.floor(rand() * 4))}`;
    else if (r < 0.5) block = `${inline()} ${inline()}`;
    else if (r < 0.62)
      block = Array.from({ length: 3 + Math.floor(rand() * 4) }, (_, i) => `${i % 3 === 2 ? '  ' : ''}- ${inline()}`).join('\n');
    else if (r < 0.7) block = Array.from({ length: 3 + Math.floor(rand() * 3) }, (_, i) => `${i + 1}. ${inline()}`).join('\n');
    else if (r < 0.76) block = Array.from({ length: 3 }, () => `- [${rand() < 0.5 ? ' ' : 'x'}] ${words(5)}`).join('\n');
    else if (r < 0.84)
      block = `\`\`\`ts\n${Array.from({ length: 4 + Math.floor(rand() * 8) }, (_, i) => `const v${i} = ${pick(WORDS)}(${i}); // ${words(3)}`).join('\n')}\n\`\`\``;
    else if (r < 0.92) {
      const cols = 3 + Math.floor(rand() * 3);
      const row = () => `| ${Array.from({ length: cols }, () => words(2)).join(' | ')} |`;
      block = [row(), `|${' --- |'.repeat(cols)}`, ...Array.from({ length: 3 + Math.floor(rand() * 6) }, row)].join('\n');
    } else block = `> ${inline()}\n>\n> ${inline()}`;
    blocks.push(block);
    size += block.length + 2;
  }
  return `${blocks.join('\n\n')}\n`;
}
