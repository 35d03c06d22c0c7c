-- Every membership names a list of data/reference/list_codes.csv: an unknown
-- code would have no regimes, so no policy would root on it.
select list_code, count(*) as rows
from canonical.list_memberships
where regimes is null
group by list_code
