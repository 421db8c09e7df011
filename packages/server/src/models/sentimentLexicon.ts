/**
 * The sentiment model's word list: a valence from -4 (strongly negative) to +4 (strongly positive)
 * for about four hundred common English words, emoticons and emoji, written for this project in the
 * spirit of AFINN and VADER. Words are grouped by weight to keep the table readable.
 */
const BY_WEIGHT: Record<string, string> = {
  '4': `outstanding superb excellent amazing wonderful fantastic brilliant magnificent marvelous marvellous
    exceptional phenomenal spectacular perfect flawless breathtaking extraordinary masterpiece incredible
    awesome sublime exquisite glorious ecstatic euphoric 😍 🥰`,
  '3': `love loved loves loving lovely delightful delighted great beautiful gorgeous impressive impressed terrific
    joy joyful thrilled exciting excited happy happiest grateful thankful admire admired adore adored
    fabulous charming elegant stunning remarkable inspiring inspired heartwarming best triumph triumphant
    success successful wow fantastically beautifully wonderfully brilliantly masterful stellar
    :D :-D ❤️ ❤ 😀 😃 😄 😁 🎉`,
  '2': `good nice pleasant liked likes enjoy enjoyed enjoyable enjoying fun funny helpful useful friendly kind
    warm cheerful comfortable recommend recommended smooth satisfying satisfied positive better improve
    improved improvement reliable clean fresh tasty delicious efficient easy clever smart talented
    creative valuable worthwhile worthy hope hopeful proud calm safe secure strong generous polite
    welcoming glad pleased laugh laughed smile smiled smiling thanks thank appreciate appreciated
    beauty benefit bright brave win won winner wins winning superior cute sweet fascinating
    refreshing relaxing relaxed peaceful handy intuitive fast speedy affordable bargain perfectly nicely
    congratulations congrats bravo yay :) :-) (: 😊 🙂 👍 😂 🙌 ✨`,
  '1': `okay ok fine decent adequate acceptable reasonable solid interesting agree agreed fair modest ready
    clear correct like working works stable tidy sure certainly neat cozy sensible promising convenient
    popular healthy lucky gentle quick valid upgrade upgraded ;) 😉`,
  '-1': `boring dull slow mediocre meh odd strange confusing confused tired late problem problems issue issues
    difficult complicated lacking lack lacks noisy expensive pricey unclear doubt doubtful concern concerned
    worried worry worrying unfortunately unfortunate bland average overpriced delay delayed cramped
    inconvenient tedious awkward clunky outdated limited minor questionable hesitant skeptical sceptical
    unsure cheap crowded forgettable repetitive 😕 😐`,
  '-2': `bad poor poorly disappointing disappointed disappoint disappoints annoying annoyed unhappy upset sad
    sadly angry mad frustrating frustrated frustration ugly broken fail failed failure fails failing wrong
    worse rude dirty weak sorry sick pain painful hurt hurts lost lose loses loss fear scared afraid
    useless waste wasted mess messy unpleasant unfriendly unreliable buggy crash crashed crashes error
    errors bug bugs complain complained complaint regret regrets stupid silly lazy slowest unhelpful
    inferior lame sloppy flawed defective damaged cancelled canceled refund unusable unstable hostile
    lonely gloomy sucks sucked cry crying tears 😞 😟 :( :-( 👎 😢`,
  '-3': `terrible awful horrible hate hated hates hating dreadful disgusting disgusted nasty miserable furious
    pathetic ridiculous unacceptable disaster disastrous outrageous toxic cruel evil lousy garbage trash
    rubbish scam fraud ruined ruin broke nightmare painfully horribly terribly awfully shameful shocking
    infuriating hideous vile 😠 😡 😭`,
  '-4': `worst horrendous catastrophic abysmal atrocious appalling despise despised loathe loathsome
    unbearable worthless 🤬`,
};

export const lexicon: ReadonlyMap<string, number> = new Map(
  Object.entries(BY_WEIGHT).flatMap(([weight, words]) =>
    words
      .trim()
      .split(/\s+/)
      .map((word) => [word, Number(weight)] as const),
  ),
);

/** Words that flip the sentiment of what follows within a few words ("not good", "never happy"). */
export const negators: ReadonlySet<string> = new Set(
  `not no never none nobody nothing neither nor nowhere cannot cant dont doesnt didnt isnt wasnt arent
  werent wont wouldnt shouldnt couldnt hasnt havent hadnt aint without hardly`.split(/\s+/),
);

/** Degree words: how much a following sentiment word is scaled ("very good", "slightly annoying"). */
export const intensifiers: ReadonlyMap<string, number> = new Map([
  ...'very really extremely incredibly absolutely totally truly super highly especially exceptionally remarkably utterly deeply completely thoroughly immensely hugely so too most insanely seriously'
    .split(' ')
    .map((word) => [word, 1.5] as const),
  ...'quite pretty rather fairly'.split(' ').map((word) => [word, 1.2] as const),
  ...'slightly somewhat barely marginally mildly kinda sorta little bit less partly'
    .split(' ')
    .map((word) => [word, 0.6] as const),
]);

/** Words after which the rest of the text carries more weight than what came before ("good, but…"). */
export const contrastWords: ReadonlySet<string> = new Set(['but', 'however', 'yet', 'although', 'though']);
