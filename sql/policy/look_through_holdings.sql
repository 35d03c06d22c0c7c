-- The holdings multiplicative look-through follows: each direct holder once
-- per subject, at its largest bounds over the policy's ownership bases.
select owner_id, subject_id, max(lo) as lo, max(hi) as hi
from ownership_links
where is_direct
group by owner_id, subject_id
