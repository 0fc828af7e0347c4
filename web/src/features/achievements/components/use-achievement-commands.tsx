import { App } from 'antd';
import { type ReactNode, useState } from 'react';
import { useShowCommandError } from '../../../lib/record-commands.js';
import { approveRevision } from '../api/approve-revision.js';
import { archiveAchievement } from '../api/archive-achievement.js';
import { confirmAchievement } from '../api/confirm-achievement.js';
import { publishAchievement } from '../api/publish-achievement.js';
import { reconfirmAchievement } from '../api/reconfirm-achievement.js';
import { submitAchievement } from '../api/submit-achievement.js';
import { FIELD_LABELS } from '../codes.js';
import type { AchievementDetail, AchievementSummary } from '../types.js';

/** What a command needs to know of its record. */
export type CommandTarget = Pick<AchievementSummary, 'id' | 'title' | 'selectionYear'>;
import { ReturnModal, type ReturnTarget } from './return-modal.js';
import { SelectionModal } from './selection-modal.js';

/** Actions that are one POST without input. */
export type SimpleCommand = 'submit' | 'confirm' | 'publish' | 'approveRevision' | 'archive' | 'reconfirm';
/** Every action a row or the detail page can trigger (names as in `allowedActions`). */
export type Command = SimpleCommand | 'return' | 'returnRevision' | 'select';

const simple: Record<SimpleCommand, { run: (id: string) => Promise<AchievementDetail>; done: string; confirm?: string }> = {
  submit: { run: submitAchievement, done: '已提交' },
  confirm: { run: confirmAchievement, done: '已确认，等待平台审核' },
  publish: { run: publishAchievement, done: '已通过并发布' },
  approveRevision: { run: approveRevision, done: '修改已通过，新版本已发布' },
  archive: { run: archiveAchievement, done: '已归档', confirm: '归档后成果不再公开展示，且不能恢复。确定归档吗？' },
  reconfirm: { run: reconfirmAchievement, done: '已确认成果信息仍然有效' },
};

/** Field label of a server error path (`ipItems.0.number` → 知识产权). */
export function fieldLabel(path: string): string {
  const root = path.split('.')[0] ?? path;
  return (FIELD_LABELS as Record<string, string>)[root] ?? root;
}

/**
 * Runs achievement actions with the confirmations and messages they need; `return`, `returnRevision`
 * and `select` open their modals (render `modals` somewhere in the page). `onDone` gets the
 * record as the server returned it.
 */
export function useAchievementCommands(onDone: (detail: AchievementDetail | undefined) => void) {
  const { message, modal } = App.useApp();
  const showError = useShowCommandError(fieldLabel);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [returning, setReturning] = useState<ReturnTarget | undefined>(undefined);
  const [selecting, setSelecting] = useState<CommandTarget | undefined>(undefined);

  const runSimple = async (command: SimpleCommand, record: CommandTarget) => {
    const spec = simple[command];
    setBusy(`${record.id}:${command}`);
    try {
      const detail = await spec.run(record.id);
      message.success(command === 'submit' && detail.status === 'submitted' ? '已提交，等待单位管理员确认' : spec.done);
      onDone(detail);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(undefined);
    }
  };

  const run = async (command: Command, record: CommandTarget) => {
    if (command === 'return' || command === 'returnRevision') {
      setReturning({ id: record.id, title: record.title, kind: command === 'return' ? 'new' : 'revision' });
      return;
    }
    if (command === 'select') {
      setSelecting(record);
      return;
    }
    const confirm = simple[command].confirm;
    if (confirm) {
      modal.confirm({
        title: `${record.title}`,
        content: confirm,
        okText: '确定',
        cancelText: '取消',
        okButtonProps: { danger: command === 'archive' },
        onOk: () => runSimple(command, record),
      });
      return;
    }
    await runSimple(command, record);
  };

  const modals: ReactNode = (
    <>
      <ReturnModal
        target={returning}
        onClose={() => setReturning(undefined)}
        onReturned={(detail) => {
          setReturning(undefined);
          message.success('已退回');
          onDone(detail);
        }}
      />
      <SelectionModal
        record={selecting}
        onClose={() => setSelecting(undefined)}
        onDone={(detail) => {
          setSelecting(undefined);
          message.success(detail.selectionYear ? `已设为 ${detail.selectionYear} 年科惠精品` : '已取消科惠精品');
          onDone(detail);
        }}
      />
    </>
  );

  /** Whether `command` is running for the record. */
  const isBusy = (id: string, command: Command) => busy === `${id}:${command}`;
  return { run, isBusy, anyBusy: busy !== undefined, modals };
}
