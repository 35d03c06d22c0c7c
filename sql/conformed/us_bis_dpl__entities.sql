-- Rows of the BIS Denied Persons List as canonical entities. The list has no
-- id and one row per (denied party, address or name variant): each row is an
-- entity, keyed by a hash of its name and address ('dpl-' || key; see
-- pipelines/sources/us_bis_dpl.py), and resolution merges the rows of one
-- party. The list does not say who is a person: the parser decides only on
-- evidence in the row (a legal form or an organisation word in the name, a
-- prison address, "JR."), else 'unknown'. category is null: the list has no
-- type column.
with entries as (
    select * from staging.stg_us_bis_dpl__entries
),

final as (
    select
        'dpl-' || lower(key) as entity_id,
        kind,
        name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        null::varchar as category,
        'us_bis_dpl' as source,
        key as source_record,
        snapshot_id
    from entries
)

select * from final
