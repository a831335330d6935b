import { parseDockerfile } from '../../dockerfile/parseDockerfile';
import { minBuildGraphSize, possibleBuildGraphs } from './buildGraph';

function model(text: string) {
  const r = parseDockerfile('Dockerfile', text);
  if (!r.ok) throw new Error('parse failed');
  return r.model;
}

describe('possibleBuildGraphs', () => {
  const df = model(
    [
      'FROM golang AS build',
      'RUN --mount=type=cache,target=/root/.cache go build',
      'FROM scratch AS binaries-unix',
      'COPY --from=build /out /',
      'FROM binaries-unix AS binaries-linux',
      'FROM scratch AS binaries-windows',
      'COPY --from=build /out /x.exe',
      'FROM binaries-$TARGETOS AS binaries',
      'FROM $BASE AS final',
    ].join('\n'),
  );

  it('branches a stage reference with a variable into every stage it can name', () => {
    const graphs = possibleBuildGraphs(df, 'binaries') ?? [];
    expect(graphs.map(g => [...g].sort()).sort()).toEqual([
      [0, 1, 2, 4],
      [0, 1, 4],
      [0, 3, 4],
    ]);
    expect(minBuildGraphSize(df, 'binaries')).toBe(3);
  });

  it('keeps an image alternative for a reference that is only a variable', () => {
    expect(minBuildGraphSize(df, 'final')).toBe(1);
    expect(possibleBuildGraphs(df, 'missing')).toBeNull();
  });
});
