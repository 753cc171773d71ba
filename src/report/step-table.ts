import type { StepRow } from '../verifier/protocol';

/**
 * A counterexample's steps as a fixed-width text table: step, command, model view, adapter
 * view, first difference. Views list several things joined by " | " (an order, then the
 * balances); each part starts a line of its own within the cell, and parts wider than
 * MAX_CELL_WIDTH wrap at spaces, so nothing is cut. The difference column comes last and is
 * never wrapped: it is the one people read and search for.
 */
const HEADERS = ['step', 'command', 'model view', 'adapter view', 'first difference'] as const;
const MAX_CELL_WIDTH = 44;
const VIEW_PART_SEPARATOR = ' | ';

export function formatStepTable(steps: readonly StepRow[]): string {
  const lastColumn = HEADERS.length - 1;
  const texts = steps.map((step) => [String(step.step), step.command, step.model, step.adapter, step.difference ?? ''].map(oneLine));
  const widths = HEADERS.map((header, column) => {
    const parts = texts.flatMap((row) => (column === lastColumn ? [row[column] ?? ''] : (row[column] ?? '').split(VIEW_PART_SEPARATOR)));
    const widest = Math.max(header.length, ...parts.map((part) => part.length));
    return column === lastColumn ? widest : Math.min(widest, MAX_CELL_WIDTH);
  });
  const cellLines = (text: string, column: number): string[] =>
    column === lastColumn ? [text] : text.split(VIEW_PART_SEPARATOR).flatMap((part) => wrap(part, widths[column] ?? part.length));
  const renderRow = (cells: readonly string[]): string[] => {
    const lines = cells.map(cellLines);
    const height = Math.max(...lines.map((cell) => cell.length));
    return Array.from({ length: height }, (_, lineIndex) => {
      const texts = lines.map((cell) => cell[lineIndex] ?? '');
      // Empty trailing cells are left off, so a line does not end in separators.
      while (texts.length > 1 && texts[texts.length - 1] === '') texts.pop();
      return texts
        .map((text, column) => (column === texts.length - 1 ? text : text.padEnd(widths[column] ?? text.length)))
        .join(' | ');
    });
  };
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  const bodies = texts.map(renderRow);
  // Rules between rows only when some row takes several lines; otherwise they are noise.
  const separateRows = bodies.some((lines) => lines.length > 1);
  const body = bodies.flatMap((lines, index) => (separateRows && index > 0 ? [rule, ...lines] : lines));
  return [...renderRow(HEADERS), rule, ...body].join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Greedy word wrap; a word longer than the width is split. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = word;
    while (rest.length > width) {
      if (line !== '') lines.push(line);
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
      line = '';
    }
    if (line === '') line = rest;
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
