-- Countries OFAC's two legacy CSV sets (SDN and non-SDN) state for their
-- entries besides their addresses: nationality and citizenship of persons
-- ("nationality Russia", "citizen Egypt"), and the registration country of
-- organisations and vessels ("Nationality of Registration China", or the
-- country that issued a company register number: "Registration ID
-- 1027700132195 (Russia)"). The parser maps the names to ISO codes
-- (value_country, qualifier_country).
with entries as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__entries
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__entries
),

facts as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__remark_facts
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__remark_facts
),

schemes as (
    select * from reference.ofac_remark_schemes
),

stated as (
    select
        source,
        ent_num,
        value_country as country,
        case key
            when 'nationality' then 'nationality'
            when 'citizen' then 'citizenship'
            when 'Nationality of Registration' then 'registration'
        end as role,
        snapshot_id
    from facts
    where key in ('nationality', 'citizen', 'Nationality of Registration')
        and value_country is not null
),

registered as (
    select
        f.source,
        f.ent_num,
        f.qualifier_country as country,
        'registration' as role,
        f.snapshot_id
    from facts as f
    inner join schemes as s on s.key = f.key
    inner join entries as e on e.source = f.source and e.ent_num = f.ent_num
    where s.scheme in ('registration', 'cn-uscc', 'gb-coh')
        and f.qualifier_country is not null
        and e.sdn_type is null
),

both_kinds as (
    select * from stated
    union all
    select * from registered
),

final as (
    select distinct
        'ofac-' || ent_num as entity_id,
        country,
        role,
        source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from both_kinds
)

select * from final
