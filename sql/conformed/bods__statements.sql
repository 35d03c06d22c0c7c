-- BODS statements in force: the latest statement of each record, keyed for
-- the canonical model. A 0.4 record (recordId) has one statement per change
-- (recordStatus new/updated/closed); a 0.2/0.3 statement is its own record and
-- is dropped when another statement of the snapshot lists it in
-- replacesStatements. Record ids are only unique per publisher (BODS 0.4,
-- "Record identifiers"), so the key is publisher name | record id.
with statements as (
    select * from staging.stg_bods__statements
),

replaced as (
    select distinct unnest(replaces_statements) as statement_id
    from statements
),

keyed as (
    select
        s.*,
        concat_ws('|', coalesce(s.publisher_name, ''), s.record_id) as record_key
    from statements as s
    left join replaced as r on r.statement_id = s.statement_id
    where r.statement_id is null
),

final as (
    select
        *,
        hashed_id('bods', record_key) as entity_id
    from keyed
    qualify row_number() over (
        partition by record_key
        order by
            statement_date desc nulls last,
            publication_date desc nulls last,
            statement_pos desc
    ) = 1
)

select * from final
