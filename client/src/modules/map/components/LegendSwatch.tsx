interface LegendSwatchProps {
  shape: 'dot' | 'ring' | 'line' | 'area';
  colour: string;
  /** Dot diameter in px (cluster sizes). */
  size?: number;
}

export function LegendSwatch({ shape, colour, size = 10 }: LegendSwatchProps) {
  const style =
    shape === 'dot'
      ? { width: size, height: size, background: colour }
      : shape === 'ring'
        ? { width: size, height: size, border: `3px solid ${colour}`, background: '#fff' }
        : shape === 'line'
          ? { width: 18, height: 0, borderTop: `3px solid ${colour}` }
          : { width: 16, height: 12, background: colour, border: '1px dashed #8694a3' };
  return (
    <span className={`legend-swatch legend-swatch--${shape}`} style={style} aria-hidden="true" />
  );
}
