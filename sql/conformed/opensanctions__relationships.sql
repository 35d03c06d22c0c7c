-- OpenSanctions Ownership and Directorship entities as links, one per owner
-- x asset (director x organization). Ownership: owner -> asset; its
-- `percentage` is read by the parse into an interval with inclusive flags
-- ("50" -> [50, 50], "25-50" -> [25, 50], ">50" -> (50, 100]), never a
-- midpoint; basis 'shares' when a percentage or a number of shares is
-- stated, else 'unknown' with null bounds (OFAC's "owned or controlled by",
-- a UK "subsidiary of": never taken as 50% or more). ownershipType "direct"
-- / "indirect" -> direct_or_indirect. Directorship: director -> organization,
-- basis 'association' (a seat on a board is not control by itself).
-- capacity: the FtM role ("subsidiary of", "General Director"). start/end:
-- the earliest startDate and latest endDate stated to the day (partial or
-- implausible dates stay raw in staging); status 'active', end_date bounds it.
-- Endpoints the file lacks are 'referenced_only' entities (opensanctions__entities).
with ownerships as (
    select * from staging.stg_opensanctions__ownerships
),

directorships as (
    select * from staging.stg_opensanctions__directorships
),

owned as (
    select o.*, unnest(o.asset) as subject
    from (select *, unnest(owner) as holder from ownerships) as o
),

directed as (
    select d.*, unnest(d.organization) as subject
    from (select *, unnest(director) as holder from directorships) as d
),

links as (
    select
        id, holder, subject, role, start_date, end_date, snapshot_id, 'Ownership' as source_type,
        case
            when stake_lo is not null or len(shares_count) > 0 then 'shares'
            else 'unknown'
        end as basis,
        case
            when list_bool_or([lower(t) like '%indirect%' for t in ownership_type]) then 'indirect'
            when list_bool_or([lower(t) like '%direct%' for t in ownership_type]) then 'direct'
            else 'unknown'
        end as direct_or_indirect,
        stake_lo, stake_hi, lo_inclusive, hi_inclusive
    from owned
    union all
    select
        id, holder, subject, role, start_date, end_date, snapshot_id, 'Directorship',
        'association', 'unknown', null::double, null::double, null::boolean, null::boolean
    from directed
),

final as (
    select
        hashed_id('opensanctions', concat_ws('|', id, holder, subject)) as relationship_id,
        'os-' || lower(holder) as owner_id,
        'os-' || lower(subject) as subject_id,
        basis,
        direct_or_indirect,
        stake_lo,
        stake_hi,
        lo_inclusive,
        hi_inclusive,
        list_min([iso_date(v) for v in start_date if iso_date(v) between '1800-01-01' and '2100-12-31'])
            as start_date,
        list_max([iso_date(v) for v in end_date if iso_date(v) between '1800-01-01' and '2100-12-31'])
            as end_date,
        'active' as status,
        source_type,
        nullif(array_to_string(role, '; '), '') as capacity,
        'opensanctions' as source,
        id as source_record,
        snapshot_id
    from links
    where holder is not null and holder <> '' and subject is not null and subject <> ''
)

select * from final
