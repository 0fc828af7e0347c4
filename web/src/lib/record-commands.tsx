import { App, Button } from 'antd';
import { errorMessage, isApiError } from './api-client.js';

/**
 * How a record action's failure is shown: the server's field problems as a list in a dialog
 * (with `fieldLabel`'s Chinese names), anything else as a message.
 */
export function useShowCommandError(fieldLabel: (path: string) => string) {
  const { message, modal } = App.useApp();
  return (error: unknown) => {
    if (isApiError(error) && error.errors.length > 0) {
      modal.error({
        title: error.detail,
        content: (
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            {error.errors.map((item) => (
              <li key={`${item.path}:${item.message}`}>
                {fieldLabel(item.path)}：{item.message}
              </li>
            ))}
          </ul>
        ),
      });
    } else {
      message.error(errorMessage(error));
    }
  };
}

/** A row's one-click command, shown when the row's `allowedActions` names it. */
export interface RowCommand<C extends string> {
  command: C;
  label: string;
  danger?: boolean;
}

/**
 * The buttons of a list row's allowed commands: the running one spins, the others wait for it.
 * `commands` is a feature's command hook (useAchievementCommands, useDemandCommands).
 */
export function RowCommandButtons<C extends string, R extends { id: string; allowedActions: readonly string[] }>({
  row,
  items,
  commands,
}: {
  row: R;
  items: readonly RowCommand<C>[];
  commands: { isBusy: (id: string, command: C) => boolean; anyBusy: boolean; run: (command: C, row: R) => unknown };
}) {
  return items
    .filter((item) => row.allowedActions.includes(item.command))
    .map((item) => (
      <Button
        key={item.command}
        size="small"
        danger={item.danger}
        loading={commands.isBusy(row.id, item.command)}
        disabled={commands.anyBusy && !commands.isBusy(row.id, item.command)}
        onClick={() => commands.run(item.command, row)}
      >
        {item.label}
      </Button>
    ));
}
