/** English words for the sentiment engine (see `types.ts` for what each list means). */
import type { Lexicon } from './types';

export const en: Lexicon = {
  valence: {
    3: `excellent amazing awesome fantastic perfect outstanding superb wonderful brilliant love loved loves loving
      incredible exceptional phenomenal flawless best fabulous delighted finest couldn't_be_happier
      could_not_be_happier above_and_beyond five_stars 5_stars`,
    2.5: 'great lovely impressed impressive user_friendly well_done',
    2: `good nice happy pleased satisfied glad helpful friendly easy easier intuitive reliable recommend recommended
      polite courteous responsive professional knowledgeable beautiful useful appreciate appreciated grateful enjoy
      enjoyed favorite favourite pleasant seamless welcoming attentive excited wow thank_you good_job no_complaints
      no_complaint`,
    1.5: `fast faster quick quicker quickly smooth smoothly convenient handy efficient accurate affordable thank thanks
      free_shipping fun cool improved resolved solved helped kind patient worth on_time cheaper painless
      can't_complain cannot_complain well_packed well_packaged instantly saved_time knew_exactly`,
    1: 'cheap decent solid simple clear fair better stable secure clean modern fortunately luckily like likes liked',
    0.8: 'fine as_expected as_described as_advertised',
    0.3: 'ok okay',
    '-0.3': 'average so_so',
    // "Fine overall, nothing special" is lukewarm, not praise: it cancels a mild positive word.
    '-0.8': 'nothing_special nothing_special_about nothing_to_write_home_about not_special',
    '-1': `meh cold wait waiting waited cancel cancelled canceled outdated pricey could_be_better could_be_improved
      hidden`,
    '-1.5': `slow slowly mediocre mismatch problem problems issue issues bug bugs error errors glitch wrong incorrect
      inaccurate late delay delayed delays missing lost too_long difficult hard tedious clunky complicated cumbersome
      confused unclear lacking lacks lack stuck expensive inconvenient unfortunately sadly flimsy spam hassle joke lag
      complaint cluttered crowded overwhelming hard_to_find hard_to_use on_hold charged_twice double_charged scratched excessive out_of_stock timing_out times_out
      declined too_many higher_than more_expensive than_in_store without_telling without_notice dies died`,
    '-2': `bad poor poorly confusing rude unhelpful unfriendly annoying annoyed frustrating frustrated upset unhappy
      buggy crash crashes crashed crashing fail failed fails failure damaged faulty worse ugly unreliable unstable
      laggy freeze freezes frozen waste wasted mess messy painful overpriced dislike ignored unanswered unresponsive
      sloppy careless misleading unfair unpleasant don't_bother dont_bother looks_cheap feels_cheap cheap_quality
      cheaply 1_star one_star stopped_working never_came never_arrived never_showed_up no_show gone_downhill
      broke sagged`,
    '-2.5': `disappointed disappointing disappointment broken defective useless worthless dissatisfied unsatisfied
      incompetent unprofessional angry ridiculous rubbish sucks suck sucked lousy shoddy overcharged ripped_off`,
    '-3': `terrible horrible awful worst hate hated hates disgusting pathetic scam fraud unacceptable garbage trash
      nightmare disaster appalling atrocious furious horrendous dreadful took_forever never_again rip_off ripoff
      stay_away thanks_for_nothing`,
  },
  negatable: `work works worked working respond responds responded response reply replied answer answered
    arrive arrived deliver delivered load loads loaded help open opens log_in sign_in login connect receive received
    ship shipped send sent solution understand understood listen listened care cared match matches find found
    locate located get_through call_back called_back come came show_up showed_up accept accepts`,
  sticky: 'refund refunds',
  zero: 'goods likely lately kindly would_like would_love pretty_much',
  negators: `not no never without hardly barely scarcely nothing nobody none neither nor cannot cant dont doesnt
    didnt isnt wasnt arent werent wont wouldnt couldnt shouldnt havent hasnt hadnt aint nowhere`,
  boosters: {
    1.7: 'extremely incredibly insanely ridiculously absolutely',
    1.5: 'very really so totally completely highly truly way_too',
    1.3: 'too much most',
    1.1: 'quite',
    0.7: 'slightly somewhat a_bit a_little kinda kind_of sort_of fairly rather',
    0.8: 'mostly partly',
  },
  dual: [
    ['super', 1.5, 2.5],
    ['pretty', 1.1, 1],
    ['terribly', 1.5, -2.5],
    ['awfully', 1.5, -2.5],
  ],
  contrast: 'but however',
  concede: 'although despite even_though in_spite',
  conj: 'and or nor &',
  problem: 'problem problems issue issues bug bugs error errors glitch',
  fix: 'fixed resolved solved sorted',
  repeat: 'buy buying purchase order ordering use using shop come_back',
  again: 'again anymore never',
  pairs: [
    ['works', 0.5, -1.5],
    ['fixed sorted', 1.5, -1.5],
    ['resolved solved', 2, -1.5],
  ],
  // "used", "need", "centre" and the like recur in every kind of answer and say nothing about its subject.
  stopwords: `a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing don't down during each even ever few for from further get got
    had has have having he her here hers herself him himself his how i if in into is it its itself just let me
    more most much my myself no nor not of off on once one only or other our ours ourselves out over own really
    same she should so some such than that the their theirs them themselves then there these they this those
    through to too under until up us very was we were what when where which while who whom why will with would
    you your yours yourself yourselves can't won't isn't wasn't didn't doesn't cant dont wont isnt wasnt didnt
    doesnt im ive still yet may might must please hi hello used use using uses need needs needed needing centre
    center want wanted wants thing things lot lots bit way make made go going went come came take took give gave
    say said see seen tell told know think try tried able back day days time times like well many every another
    new old first last next keep kept put via etc ok okay yes yeah`,
};
