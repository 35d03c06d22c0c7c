-- An upper bound on the candidate pairs, before any is built: each chosen
-- mention key pairs with every other record in its bucket.
select coalesce(sum(bucket - 1), 0)::bigint as estimated_pairs, count(*) as mention_keys
from resolve.mention_keys
