/**
 * Offsets where each element of the top-level object's `features` array starts. JSON.parse
 * forgets positions, so this walks the (already valid) JSON text once, skipping strings.
 */
export function featureOffsets(text: string): number[] {
  const offsets: number[] = [];
  // Open containers; for objects, the last key read at that level.
  const stack: { type: '{' | '['; key?: string; isFeatures?: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (/[\s,:]/.test(ch)) continue;
    const top = stack[stack.length - 1];
    if (top?.isFeatures && ch !== ']') offsets.push(i);
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (top?.type === '{' && followedByColon(text, end))
        top.key = JSON.parse(text.slice(i, end + 1)) as string;
      i = end;
    } else if (ch === '{' || ch === '[') {
      const isFeatures = ch === '[' && stack.length === 1 && top?.key === 'features';
      stack.push({ type: ch, isFeatures });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else {
      i = scalarEnd(text, i);
    }
  }
  return offsets;
}

function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return text.length - 1;
}

function followedByColon(text: string, end: number): boolean {
  let j = end + 1;
  while (j < text.length && /\s/.test(text[j] ?? '')) j++;
  return text[j] === ':';
}

function scalarEnd(text: string, start: number): number {
  let j = start;
  while (j + 1 < text.length && !/[\s,\]}:]/.test(text[j + 1] ?? '')) j++;
  return j;
}

/** Maps offsets to 1-based line numbers (binary search over line starts). */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
