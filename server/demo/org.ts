/** The demo trust: fictional, with ODS-style codes, shaped like a real acute and community trust. */
import type { OrgRow } from '../../db/store.ts';
import type { Question, Setting } from '../../analytics/fft.ts';

const ICB = { icbCode: 'QZZ', icbName: 'NHS Demo Valley Integrated Care Board' };
const TRUST = { trustCode: 'RZZ', trustName: 'Demo Valley Hospitals NHS Foundation Trust' };
const SITES = {
  RZZ01: 'Demo Valley General Hospital',
  RZZ02: 'Northgate Women’s and Children’s Centre',
  RZZ03: 'Riverside Community Hospital',
} as const;

type SiteCode = keyof typeof SITES;

const UNITS: [SiteCode, string, string, Setting, string | null, string | null, Question?][] = [
  ['RZZ01', 'RZZ01-W01', 'Ward 1 (Acute Medical Unit)', 'inpatient', '300', null],
  ['RZZ01', 'RZZ01-W02', 'Ward 2 (Cardiology)', 'inpatient', '320', null],
  ['RZZ01', 'RZZ01-W03', 'Ward 3 (Respiratory)', 'inpatient', '340', '300'],
  ['RZZ01', 'RZZ01-W04', 'Ward 4 (Elderly Care)', 'inpatient', '430', null],
  ['RZZ01', 'RZZ01-W05', 'Ward 5 (General Surgery)', 'inpatient', '100', null],
  ['RZZ01', 'RZZ01-W06', 'Ward 6 (Trauma and Orthopaedics)', 'inpatient', '110', null],
  ['RZZ01', 'RZZ01-DSU', 'Day Surgery Unit', 'daycase', '100', '130'],
  ['RZZ01', 'RZZ01-ED', 'Emergency Department', 'ae', null, null],
  ['RZZ01', 'RZZ01-UTC', 'Urgent Treatment Centre', 'ae', null, null],
  ['RZZ01', 'RZZ01-OPD', 'Main Outpatients', 'outpatient', null, null],
  ['RZZ01', 'RZZ01-EYE', 'Eye Clinic', 'outpatient', '130', null],
  ['RZZ02', 'RZZ02-ANC', 'Antenatal Clinic', 'maternity-antenatal', '501', null],
  ['RZZ02', 'RZZ02-LW', 'Labour Ward and Birth Centre', 'maternity-birth', '501', null],
  ['RZZ02', 'RZZ02-PNW', 'Postnatal Ward', 'maternity-postnatal-ward', '501', null],
  ['RZZ02', 'RZZ02-CMW', 'Community Midwives', 'maternity-postnatal-community', '501', null],
  ['RZZ02', 'RZZ02-PAE', 'Children’s Ward (Puffin)', 'inpatient', '420', null],
  ['RZZ03', 'RZZ03-REH', 'Rehabilitation Ward', 'inpatient', '314', null],
  ['RZZ03', 'RZZ03-DN', 'District Nursing Team', 'community', null, null, 'fft-2013'],
  ['RZZ03', 'RZZ03-PHY', 'Community Physiotherapy', 'community', null, null, 'fft-2013'],
  ['RZZ03', 'RZZ03-MIU', 'Minor Injuries Unit', 'ae', null, null],
  ['RZZ03', 'RZZ03-POD', 'Podiatry', 'community', null, null],
];

export function demoOrg(): OrgRow[] {
  return UNITS.map(([site, unitCode, unitName, setting, specialty1, specialty2, question]) => ({
    ...ICB,
    ...TRUST,
    siteCode: site,
    siteName: SITES[site],
    unitCode,
    unitName,
    setting,
    specialty1,
    specialty2,
    question: question ?? 'fft-2020',
  }));
}
