import type { DockerfileFacts } from '@buildcache/plugin-buildcache-common';
import type { DockerfileModel } from './model';
import { packageManagerCallsOf } from './runAnalysis';

/** The `facts` of a Dockerfile as specified in report-format.md. */
export function collectDockerfileFacts(
  model: DockerfileModel,
): DockerfileFacts {
  const managers = new Set<string>();
  const cacheMounts: DockerfileFacts['cacheMounts'] = [];
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const m of ins.mounts) {
        if (m.type !== 'cache') continue;
        cacheMounts.push({
          line: ins.range.line,
          target: m.target ?? m.rawTarget ?? '',
          id: m.id,
          sharing: m.sharing,
          uid: m.uid,
          stage: stage.index,
        });
      }
      for (const call of packageManagerCallsOf(ins)) managers.add(call.manager);
    }
  }
  return {
    syntaxDirective: model.syntax,
    stages: model.stages.map(s => ({
      name: s.name,
      line: s.line,
      baseImage: s.baseImageExpanded ?? s.baseImage,
    })),
    cacheMounts,
    packageManagers: [...managers].sort(),
  };
}
