-- Every pairing of a candidate pair's normalised names, for the candidate
-- pairs of one chunk ($chunk of $chunks, by a hash of the left id): the scorer
-- keeps the most similar pairing per candidate.
with candidates as (
    select * from resolve.candidate_pairs
    where hash(left_id) % $chunks = $chunk
),

name_keys as (
    select * from resolve.name_keys
),

final as (
    select
        c.left_id,
        c.right_id,
        a.name as left_name,
        a.core as left_core,
        a.compact as left_compact,
        a.forms as left_forms,
        a.strong as left_strong,
        b.name as right_name,
        b.core as right_core,
        b.compact as right_compact,
        b.forms as right_forms,
        b.strong as right_strong
    from candidates as c
    inner join name_keys as a on a.entity_id = c.left_id
    inner join name_keys as b on b.entity_id = c.right_id
)

select * from final
