import { useMemo } from 'react';
import { View } from '@tarojs/components';
import { qrMatrix } from '../lib/qr';
import './open-days.scss';

/**
 * A QR code drawn with plain Views (one per dark run of a row, placed in percent of the side),
 * so it renders the same in the H5 build and in WeChat without a canvas. The code itself is
 * an image to assistive technology, labelled by `label`; the short code beside it is the text
 * alternative for reading aloud.
 */
export function QrCode({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { size, rows } = useMemo(() => qrMatrix(text), [text]);
  const unit = 100 / size;
  return (
    <View className='od-qr-box' role='img' aria-label={label} data-testid={testId} data-size={size} data-text={text}>
      {rows.flatMap((runs, y) =>
        runs.map((run) => (
          <View
            key={`${y}-${run.start}`}
            className='od-qr-box__run'
            aria-hidden
            // A hair taller than a module: neighbouring rows overlap instead of leaving hairline gaps when rounded to pixels.
            style={{ top: `${y * unit}%`, left: `${run.start * unit}%`, width: `${run.length * unit}%`, height: `${unit * 1.05}%` }}
          />
        )),
      )}
    </View>
  );
}
