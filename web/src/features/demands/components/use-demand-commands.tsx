import { App } from 'antd';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { useShowCommandError } from '../../../lib/record-commands.js';
import { acceptProposal } from '../api/accept-proposal.js';
import { claimDemand } from '../api/claim-demand.js';
import { publishDemand } from '../api/publish-demand.js';
import { submitDemand } from '../api/submit-demand.js';
import { RESPONSE_HOURS } from '../codes.js';
import { fieldLabel } from '../format.js';
import type { DemandDetail, DemandProposal, DemandSummary } from '../types.js';
import { CloseModal } from './close-modal.js';
import { ContractedModal } from './contracted-modal.js';
import { DeclineProposalModal, type DeclineTarget } from './decline-proposal-modal.js';
import { DispatchModal } from './dispatch-modal.js';
import { FollowUpModal } from './follow-up-modal.js';
import { GrantContactModal } from './grant-contact-modal.js';
import { MatchModal } from './match-modal.js';
import { ProposeModal } from './propose-modal.js';
import { RefuseModal } from './refuse-modal.js';
import type { RemoteOption } from './remote-select.js';
import { ReturnDemandModal } from './return-demand-modal.js';

/** Actions that are one POST without input (claim asks first). */
type SimpleCommand = 'submit' | 'publish' | 'claim';
/** Actions that open a form. */
type ModalCommand = 'return' | 'dispatch' | 'refuse' | 'followUp' | 'grant' | 'propose' | 'match' | 'contracted' | 'close';
/** Every demand-level action a row or the detail page triggers (names as in `allowedActions`). */
export type DemandCommand = SimpleCommand | ModalCommand;

/**
 * What a command needs to know of its record; `grant` needs the detail (its claims), `propose` may
 * name the achievement to preselect (推荐给企业 on a recommendation).
 */
export type CommandTarget = Pick<DemandSummary, 'id' | 'title' | 'clock'> & { detail?: DemandDetail; achievement?: RemoteOption };

const simple: Record<SimpleCommand, { run: (id: string) => Promise<DemandDetail>; done: string }> = {
  submit: { run: submitDemand, done: '已提交，等待审核' },
  publish: { run: publishDemand, done: '已通过并发布，48 小时响应计时开始' },
  claim: { run: claimDemand, done: `已认领，请在 ${RESPONSE_HOURS} 小时内完成首次跟进` },
};

const doneMessages: Record<ModalCommand, string> = {
  return: '已退回',
  dispatch: '已派发',
  refuse: '已拒绝，需求回到待认领',
  followUp: '跟进已记录',
  grant: '已授权查看联系方式',
  propose: '方案已提交，等待企业答复',
  match: '已登记匹配',
  contracted: '已登记签约',
  close: '需求已关闭',
};

/**
 * Runs demand actions with the confirmations and messages they need; form actions open their
 * modals (render `modals` somewhere in the page). `onDone` runs after every successful action.
 */
export function useDemandCommands(onDone: (detail: DemandDetail | undefined) => void) {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<{ command: ModalCommand; target: CommandTarget } | undefined>(undefined);
  const [declining, setDeclining] = useState<DeclineTarget | undefined>(undefined);

  const showError = useShowCommandError(fieldLabel);

  const runSimple = async (command: SimpleCommand, target: CommandTarget) => {
    setBusy(`${target.id}:${command}`);
    try {
      const detail = await simple[command].run(target.id);
      message.success(simple[command].done);
      onDone(detail);
    } catch (error) {
      showError(error);
      // A claim lost to someone quicker (409) changes the list: show what is true now.
      if (command === 'claim' && isApiError(error) && error.status === 409) onDone(undefined);
    } finally {
      setBusy(undefined);
    }
  };

  const run = async (command: DemandCommand, target: CommandTarget) => {
    if (command === 'submit' || command === 'publish') return runSimple(command, target);
    if (command === 'claim') {
      modal.confirm({
        title: `认领：${target.title}`,
        content: `认领后由本机构负责对接，须在 ${RESPONSE_HOURS} 小时内完成首次跟进（电话、走访或会谈），否则计为超时。`,
        okText: '确认认领',
        cancelText: '取消',
        onOk: () => runSimple('claim', target),
      });
      return;
    }
    setOpen({ command, target });
  };

  const accept = (demand: CommandTarget, proposal: DemandProposal) => {
    modal.confirm({
      title: '接受这个方案？',
      content: `接受“${proposal.achievementTitle ?? proposal.partnerName ?? '推荐方案'}”后，需求进入“已匹配”。`,
      okText: '接受',
      cancelText: '取消',
      onOk: async () => {
        setBusy(`${demand.id}:acceptProposal`);
        try {
          const detail = await acceptProposal(demand.id, proposal.id);
          message.success('已接受方案，需求已匹配');
          onDone(detail);
        } catch (error) {
          showError(error);
        } finally {
          setBusy(undefined);
        }
      },
    });
  };

  const decline = (demand: CommandTarget, proposal: DemandProposal) => setDeclining({ demandId: demand.id, proposal });

  const finish = (command: ModalCommand) => (detail: DemandDetail) => {
    setOpen(undefined);
    message.success(doneMessages[command]);
    onDone(detail);
  };
  const close = () => setOpen(undefined);
  const targetOf = (command: ModalCommand) => (open?.command === command ? open.target : undefined);

  const modals: ReactNode = (
    <>
      <ReturnDemandModal target={targetOf('return')} onClose={close} onDone={finish('return')} />
      <DispatchModal target={targetOf('dispatch')} onClose={close} onDone={finish('dispatch')} />
      <RefuseModal target={targetOf('refuse')} onClose={close} onDone={finish('refuse')} />
      <FollowUpModal
        target={targetOf('followUp')}
        isFirst={targetOf('followUp')?.clock.firstFollowUpAt === null}
        onClose={close}
        onDone={finish('followUp')}
      />
      <GrantContactModal detail={targetOf('grant')?.detail} onClose={close} onDone={finish('grant')} />
      <ProposeModal target={targetOf('propose')} onClose={close} onDone={finish('propose')} />
      <MatchModal target={targetOf('match')} onClose={close} onDone={finish('match')} />
      <ContractedModal target={targetOf('contracted')} onClose={close} onDone={finish('contracted')} />
      <CloseModal target={targetOf('close')} onClose={close} onDone={finish('close')} />
      <DeclineProposalModal
        target={declining}
        onClose={() => setDeclining(undefined)}
        onDone={(detail) => {
          setDeclining(undefined);
          message.success('已婉拒方案');
          onDone(detail);
        }}
      />
    </>
  );

  /** Whether `command` is running for the record. */
  const isBusy = (id: string, command: string) => busy === `${id}:${command}`;
  return { run, accept, decline, isBusy, anyBusy: busy !== undefined, modals };
}

/** Buttons for the demand-level actions, in the order shown, with their labels. */
export const COMMAND_BUTTONS: { command: DemandCommand; label: string; primary?: boolean; danger?: boolean }[] = [
  { command: 'submit', label: '提交审核', primary: true },
  { command: 'publish', label: '通过', primary: true },
  { command: 'return', label: '退回', danger: true },
  { command: 'claim', label: '认领', primary: true },
  { command: 'dispatch', label: '派发' },
  { command: 'followUp', label: '添加跟进', primary: true },
  { command: 'propose', label: '推荐方案' },
  { command: 'grant', label: '授权联系方式' },
  { command: 'match', label: '登记匹配' },
  { command: 'contracted', label: '登记签约' },
  { command: 'refuse', label: '拒绝承接', danger: true },
  { command: 'close', label: '关闭需求', danger: true },
];
