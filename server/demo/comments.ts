/**
 * Comment material for the demo: written for it, in the voice of FFT comments, so that themes,
 * sentiment and the matron's comment list have something realistic to show. No real comments.
 */

export const PRAISE = [
  'The nurses were so kind and caring, nothing was too much trouble.',
  'Staff were friendly and explained everything clearly.',
  'Really well looked after, thank you to all the team.',
  'Seen quickly and the doctor listened to me.',
  'Excellent care from start to finish. The ward was spotless.',
  'Everyone was lovely, they put me at ease straight away.',
  'Very professional and efficient, I felt safe.',
  'The midwives were amazing, I couldn’t have asked for better support.',
  'Food was good and there was always a choice.',
  'Physio was brilliant and gave me exercises to do at home.',
  'Felt listened to and involved in decisions about my care.',
  'Quick, friendly and helpful. Would recommend.',
  'Great communication, they kept my family updated every day.',
  'The receptionist was very helpful and the appointment ran on time.',
  'My mum was treated with dignity and respect throughout.',
  'Thank you for looking after my son so well, he was scared but the staff made him smile.',
  'Pain relief came quickly when I asked.',
  'Clean, calm and well organised.',
  'The district nurses are always on time and so kind to my dad.',
  'Staff were attentive even though they were clearly very busy.',
];

export const MIXED = [
  'Good care but the wait was too long.',
  'Nurses were lovely but it was very noisy at night and hard to sleep.',
  'Treatment was fine, parking was a nightmare and expensive.',
  'Doctor was great but I was not told when I would be discharged.',
  'Staff were kind but clearly short staffed.',
  'Food could be better, otherwise OK.',
  'Appointment was on time but the letter went to my old address.',
  'Nice staff, but nobody explained my medication before I went home.',
  'The care was good but discharge took all day waiting for tablets.',
  'Friendly team though the toilets could have been cleaner.',
];

export const CRITICISM = [
  'Waited over 6 hours to be seen.',
  'Nobody told me what was happening, I felt forgotten.',
  'Staff were rude on reception.',
  'Rang the buzzer and waited a long time for help.',
  'Ward was dirty and the bins were overflowing.',
  'Appointment cancelled twice with no explanation.',
  'I was left in pain for hours before anyone came.',
  'Discharge was chaotic and I went home without my letter.',
  'Could not get through on the phone to rebook.',
  'Felt rushed and not listened to.',
  'The waiting room was overcrowded and there were no seats.',
  'My dad was not given help to eat his meals.',
];

export const NON_ANSWERS = ['Nothing', 'N/A', 'no', 'Nothing to add', '-'];

/** A few comments in the languages the kiosk offers, for the language breakdown. */
export const OTHER_LANGUAGE: Record<string, string[]> = {
  pl: ['Personel był bardzo miły i pomocny.', 'Za długo czekałem na lekarza.'],
  ur: ['عملہ بہت مہربان تھا، شکریہ۔', 'انتظار بہت لمبا تھا۔'],
  bn: ['কর্মীরা খুব যত্নশীল ছিলেন।'],
  pa: ['ਸਟਾਫ਼ ਬਹੁਤ ਚੰਗਾ ਸੀ।'],
  gu: ['સ્ટાફ ખૂબ જ મદદરૂપ હતો.'],
  ar: ['كان الطاقم لطيفاً جداً، شكراً لكم.', 'الانتظار كان طويلاً جداً.'],
  ro: ['Personalul a fost foarte amabil.'],
  pt: ['A equipa foi muito simpática e prestável.'],
  so: ['Shaqaalaha aad bay u naxariis badnaayeen.'],
  zh: ['护士们非常友善，谢谢。', '等待时间太长了。'],
  cy: ['Roedd y staff yn garedig iawn, diolch.', 'Roedd yr aros yn rhy hir.'],
};
