-- Site, trust and ICB monthly rollups follow each unit's current parents (db/org-rollup.ts): rebuilt once,
-- since a unit moved by an org import before this version stayed counted under its old parents.
DELETE FROM rollup_org_monthly;--> statement-breakpoint
INSERT INTO rollup_org_monthly (level, code, month, question, answer, flagged, count)
   SELECT 'site', u.site_code, m.month, m.question, m.answer, m.flagged, SUM(m.count) FROM rollup_monthly m JOIN units u ON u.code = m.unit_code
   GROUP BY u.site_code, m.month, m.question, m.answer, m.flagged
   UNION ALL SELECT 'trust', s.trust_code, m.month, m.question, m.answer, m.flagged, SUM(m.count) FROM rollup_monthly m JOIN units u ON u.code = m.unit_code JOIN sites s ON s.code = u.site_code
   GROUP BY s.trust_code, m.month, m.question, m.answer, m.flagged
   UNION ALL SELECT 'icb', t.icb_code, m.month, m.question, m.answer, m.flagged, SUM(m.count) FROM rollup_monthly m JOIN units u ON u.code = m.unit_code JOIN sites s ON s.code = u.site_code JOIN trusts t ON t.code = s.trust_code
   GROUP BY t.icb_code, m.month, m.question, m.answer, m.flagged;
