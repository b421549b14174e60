import { useState } from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Chips, Field, FieldError, TextArea, TextInput, Toggle } from '.';

const options = [
  { value: 'consult', label: '咨询' },
  { value: 'help', label: '求助' },
] as const;

function ChipsField({ error }: { error?: string }) {
  const [value, setValue] = useState<'consult' | 'help' | null>(null);
  return (
    <Field name='type' label='诉求类型' required error={error} hint='请选择一种'>
      <Chips testId='type' options={options} value={value} onChange={setValue} />
    </Field>
  );
}

/** The element(s) an aria-labelledby / aria-describedby attribute points at, as text. */
function textOf(el: Element, attr: 'aria-labelledby' | 'aria-describedby'): string {
  const ids = (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? `<missing ${id}>`).join(' ');
}

/** The native <input>/<textarea> that H5 renders inside Taro's host element (what assistive technology reads). */
async function nativeControlOf(testId: string, tag: 'input' | 'textarea'): Promise<Element> {
  const host = screen.getByTestId(testId);
  await waitFor(() => expect(host.querySelector(tag)).not.toBeNull());
  return host.querySelector(tag)!;
}

describe('Field with Chips', () => {
  it('when rendered, then the radio group is named by the visible label and described by the hint', () => {
    render(<ChipsField />);
    const group = screen.getByRole('radiogroup', { name: '诉求类型' });
    expect(group).toBe(screen.getByTestId('type'));
    expect(textOf(group, 'aria-describedby')).toBe('请选择一种');
    expect(group).toHaveAttribute('aria-required', 'true');
    expect(group).not.toHaveAttribute('aria-invalid');
    expect(within(screen.getByTestId('field-type')).getByText('诉求类型')).toBeVisible();
  });

  it('when a choice is tapped, then it alone is checked', () => {
    render(<ChipsField />);
    fireEvent.click(screen.getByTestId('type-help'));
    expect(screen.getByTestId('type-help')).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByTestId('type-consult')).toHaveAttribute('aria-checked', 'false');
    expect(screen.getAllByRole('radio')).toHaveLength(2);
  });

  it('when the field has an error, then it shows in place of the hint, as an alert the control is described by', () => {
    render(<ChipsField error='请选择诉求类型' />);
    const alert = screen.getByRole('alert');
    expect(alert).toBe(screen.getByTestId('error-type'));
    expect(alert).toHaveTextContent('请选择诉求类型');
    expect(within(screen.getByTestId('field-type')).getByRole('alert')).toBe(alert);
    expect(screen.queryByText('请选择一种')).not.toBeInTheDocument();
    const group = screen.getByRole('radiogroup', { name: '诉求类型' });
    expect(textOf(group, 'aria-describedby')).toBe('请选择诉求类型');
    expect(group).toHaveAttribute('aria-invalid', 'true');
  });

  it('when two forms with the same field names are on screen (H5 keeps earlier pages), then their ids do not collide', () => {
    render(
      <>
        <ChipsField />
        <ChipsField />
      </>,
    );
    const [first, second] = screen.getAllByRole('radiogroup', { name: '诉求类型' });
    expect(first.getAttribute('aria-labelledby')).not.toBe(second.getAttribute('aria-labelledby'));
  });
});

describe('Field with TextInput and TextArea', () => {
  function TextFields({ titleError }: { titleError?: string }) {
    const [title, setTitle] = useState('');
    return (
      <>
        <Field name='title' label='标题' required error={titleError}>
          <TextInput value={title} onInput={(e) => setTitle(e.detail.value)} testId='input-title' />
        </Field>
        <Field name='description' label='详细描述' hint='至少 10 个字'>
          <TextArea value='' testId='input-description' />
        </Field>
      </>
    );
  }

  it('when rendered, then the native input and textarea are labelled by the visible labels', async () => {
    render(<TextFields />);
    const input = await nativeControlOf('input-title', 'input');
    expect(textOf(input, 'aria-labelledby')).toBe('标题');
    expect(input).toHaveAttribute('aria-required', 'true');
    const textarea = await nativeControlOf('input-description', 'textarea');
    expect(textOf(textarea, 'aria-labelledby')).toBe('详细描述');
    expect(textOf(textarea, 'aria-describedby')).toBe('至少 10 个字');
    expect(screen.getByLabelText('标题')).toBe(input);
  });

  it('when the field has an error, then the native input is marked invalid and described by the alert', async () => {
    render(<TextFields titleError='标题至少 4 个字' />);
    const input = await nativeControlOf('input-title', 'input');
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(textOf(input, 'aria-describedby')).toBe('标题至少 4 个字');
    expect(screen.getByRole('alert')).toHaveTextContent('标题至少 4 个字');
  });

  it('when outside a Field, then a TextInput has no dangling references', async () => {
    render(<TextInput value='' testId='lonely' />);
    const input = await nativeControlOf('lonely', 'input');
    expect(input).not.toHaveAttribute('aria-labelledby');
    expect(input).not.toHaveAttribute('aria-describedby');
  });
});

describe('Toggle', () => {
  function Harness({ error }: { error?: string }) {
    const [on, setOn] = useState(false);
    return <Toggle name='anonymous' label='不公开个人信息' description='承办部门看不到您的姓名和电话' checked={on} onChange={setOn} error={error} />;
  }

  it('when tapped, then the switch named by its label turns on and off', () => {
    render(<Harness />);
    const toggle = screen.getByRole('switch', { name: '不公开个人信息' });
    expect(toggle).toBe(screen.getByTestId('toggle-anonymous'));
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(textOf(toggle, 'aria-describedby')).toBe('承办部门看不到您的姓名和电话');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
  });

  it('when it has an error, then the message is an alert next to it and describes it', () => {
    render(<Harness error='请确认是否公开个人信息' />);
    const toggle = screen.getByRole('switch', { name: '不公开个人信息' });
    expect(screen.getByTestId('error-anonymous')).toHaveAttribute('role', 'alert');
    expect(textOf(toggle, 'aria-describedby')).toBe('承办部门看不到您的姓名和电话 请确认是否公开个人信息');
    expect(toggle).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('FieldError', () => {
  it('when there is no message, then nothing is rendered', () => {
    const { container } = render(<FieldError name='reopen' message={null} />);
    expect(container).toBeEmptyDOMElement();
  });
});
