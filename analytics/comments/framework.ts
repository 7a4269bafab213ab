/**
 * The 2023-09-25 patient-experience framework (The-Strategy-Unit/experiencesdashboard, MIT):
 * its 32 sub-categories, each under one category, in the framework's own order. Names are
 * verbatim, ampersands and odd spacing included ("Transport to/ from services"), because
 * labelled data and dashboards join on them. "Not assigned" is not a sub-category a comment is
 * given: it is what a comment with no sub-category is called.
 */

export interface SubCategory {
  category: string;
  subCategory: string;
}

export const LABELLING_NOT_POSSIBLE = 'Labelling not possible';
export const NOT_ASSIGNED = 'Not assigned';

export const SUB_CATEGORIES: readonly SubCategory[] = [
  { category: 'General', subCategory: 'Positive experience & gratitude' },
  { category: 'General', subCategory: 'Organisation & efficiency' },
  { category: 'General', subCategory: 'Funding & use of financial resources' },
  { category: 'General', subCategory: 'Feeling safe' },
  { category: 'General', subCategory: LABELLING_NOT_POSSIBLE },
  { category: 'Staff', subCategory: 'Staff manner & personal attributes' },
  { category: 'Staff', subCategory: 'Staffing levels & responsiveness' },
  { category: 'Staff', subCategory: 'Competence & training' },
  { category: 'Access to medical care & support', subCategory: 'Contacting services' },
  { category: 'Access to medical care & support', subCategory: 'Appointment arrangements' },
  { category: 'Access to medical care & support', subCategory: 'Appointment method' },
  { category: 'Access to medical care & support', subCategory: 'Timeliness of care' },
  { category: 'Communication & involvement', subCategory: 'Unspecified communication' },
  { category: 'Communication & involvement', subCategory: 'Staff listening, understanding & involving patients' },
  { category: 'Communication & involvement', subCategory: 'Information directly from staff during care' },
  { category: 'Communication & involvement', subCategory: 'Information provision & guidance' },
  { category: 'Communication & involvement', subCategory: 'Being kept informed, clarity & consistency of information' },
  { category: 'Communication & involvement', subCategory: 'Interaction with family/ carers' },
  { category: 'Mental health specifics', subCategory: 'Mental Health Act' },
  { category: 'Patient journey & service coordination', subCategory: 'Continuity of care' },
  { category: 'Patient journey & service coordination', subCategory: 'Discharge' },
  { category: 'Medication & pain', subCategory: 'Supplying & understanding medication' },
  { category: 'Medication & pain', subCategory: 'Pain management' },
  { category: 'Activities', subCategory: 'Activities & access to fresh air' },
  { category: 'Activities', subCategory: 'Electronic entertainment' },
  { category: 'Environment, equipment & catering', subCategory: 'Cleanliness, tidiness & infection control' },
  { category: 'Environment, equipment & catering', subCategory: 'Sensory experience' },
  { category: 'Environment, equipment & catering', subCategory: 'Environment, facilities & equipment' },
  { category: 'Environment, equipment & catering', subCategory: 'Food & drink provision & facilities' },
  { category: 'Service location, travel & transport', subCategory: 'Service location' },
  { category: 'Service location, travel & transport', subCategory: 'Transport to/ from services' },
  { category: 'Service location, travel & transport', subCategory: 'Parking' },
];

const BY_NAME = new Map(SUB_CATEGORIES.map((s, i) => [s.subCategory, i]));

/** Index of a sub-category in `SUB_CATEGORIES`, or -1 for a name the framework does not have. */
export function subCategoryIndex(name: string): number {
  return BY_NAME.get(name) ?? -1;
}
