-- What the non-name features compare, for the candidate pairs of one chunk
-- ($chunk of $chunks, by a hash of the left id): each side's kind, countries
-- and registration numbers (record_regnos.sql).
with candidates as (
    select * from resolve.candidate_pairs
    where hash(left_id) % $chunks = $chunk
),

records as (
    select * from resolve.records
),

regnos as (
    select * from resolve.record_regnos
),

final as (
    select
        c.left_id,
        c.right_id,
        a.kind_group as left_kind,
        b.kind_group as right_kind,
        a.countries as left_countries,
        b.countries as right_countries,
        coalesce(ra.regnos, []::varchar[]) as left_regnos,
        coalesce(rb.regnos, []::varchar[]) as right_regnos
    from candidates as c
    inner join records as a on a.entity_id = c.left_id
    inner join records as b on b.entity_id = c.right_id
    left join regnos as ra on ra.entity_id = c.left_id
    left join regnos as rb on rb.entity_id = c.right_id
)

select * from final
