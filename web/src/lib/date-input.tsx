import { DatePicker, type DatePickerProps } from 'antd';

/**
 * antd's DatePicker for forms: Enter confirms the typed date and does not also submit the form.
 * (The browser's implicit submission sent the half-filled form on every Enter in a date field, and
 * its refusal could arrive after the user went on, showing errors for what was fixed meanwhile.)
 */
export function DateInput(props: DatePickerProps) {
  const { onKeyDown } = props;
  return (
    <DatePicker
      {...props}
      onKeyDown={(event, preventDefault) => {
        if (event.key === 'Enter') event.preventDefault();
        onKeyDown?.(event, preventDefault);
      }}
    />
  );
}
