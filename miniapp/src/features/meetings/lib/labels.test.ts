import { nextStepOf, phaseTone, selectionSentence, withdrawLabelOf } from './labels';

describe('meeting labels', () => {
  it('when a meeting takes applications, then its phase needs attention; a held one does not', () => {
    expect(phaseTone('open')).toBe('accent');
    expect(phaseTone('held')).toBe('plain');
  });

  it('when the selection is a lottery, then the sentence says anyone can check it', () => {
    expect(selectionSentence('lottery')).toContain('任何人都可以复核');
    expect(selectionSentence('review')).toContain('审核选定');
  });

  it('when an applicant is a reserve, then the next step names the rank', () => {
    expect(nextStepOf({ status: 'reserve', reserveRank: 2 }, 'lottery')).toContain('候补第 2 位');
  });

  it('when a selected observer withdraws, then it is called 放弃列席', () => {
    expect(withdrawLabelOf('selected')).toBe('放弃列席');
    expect(withdrawLabelOf('submitted')).toBe('撤回申请');
  });
});
