import type { Stage } from '@samling/protocol';
import { useStore } from '../../store/index.ts';
import { ItemEditor } from './ItemEditor.tsx';

export function StagesEditor({ slug, stages }: { slug: string; stages: Stage[] }) {
  const saveStage = useStore((s) => s.saveStage);
  const deleteStage = useStore((s) => s.deleteStage);

  return (
    <ItemEditor
      messages="manage.stages"
      items={stages}
      toItem={(x) => ({ id: x.id, name: x.name })}
      empty={{ name: '' }}
      toValues={(stage) => ({ name: stage.name })}
      save={(editingId, values) => saveStage(slug, editingId, values)}
      remove={(stageId) => deleteStage(slug, stageId)}
    >
      {({ nameField }) => nameField}
    </ItemEditor>
  );
}
