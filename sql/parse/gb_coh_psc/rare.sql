-- The text of the batch's rare lines ($lines): unreadable ones (quarantine),
-- unknown kinds, and the exemption and totals lines.
select line, text
from raw_lines
where list_contains($lines::bigint[], line)
order by line
