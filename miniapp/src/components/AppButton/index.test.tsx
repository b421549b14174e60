import { act, render, screen } from '@testing-library/react';
import { AppButton } from './index';

function SubmitButton({ busy }: { busy: boolean }) {
  return (
    <AppButton testId='submit' loading={busy}>
      {busy ? '正在提交…' : '提交诉求'}
    </AppButton>
  );
}

/** Lets Stencil (Taro's H5 components) render the custom element: it renders in a later frame. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

describe('AppButton', () => {
  test('when it starts loading and its text changes at once, then Taro’s button renders its spinner without a DOM error', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { rerender } = render(<SubmitButton busy={false} />);
      await settle();
      rerender(<SubmitButton busy />);
      await settle();

      // Stencil reports a failed insertBefore (its slot marker removed by React) through console.error.
      expect(errors).not.toHaveBeenCalled();
      const button = screen.getByTestId('submit');
      expect(button).toHaveTextContent('正在提交…');
      expect(button.querySelector('.weui-loading')).not.toBeNull();

      rerender(<SubmitButton busy={false} />);
      await settle();
      expect(errors).not.toHaveBeenCalled();
      expect(button).toHaveTextContent('提交诉求');
      expect(button.querySelector('.weui-loading')).toBeNull();
    } finally {
      errors.mockRestore();
    }
  });
});
