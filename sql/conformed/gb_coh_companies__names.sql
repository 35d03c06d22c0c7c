-- Names of Companies House companies: the registered name ('primary') and up
-- to ten former names ('previous'; PreviousName_1 is the most recent).
with companies as (
    select * from staging.stg_gb_coh_companies__companies
),

previous_names as (
    select * from staging.stg_gb_coh_companies__previous_names
),

current_names as (
    select
        gb_coh_number(number) as company_number,
        name,
        'primary' as name_type,
        snapshot_id
    from companies
),

former_names as (
    select
        gb_coh_number(number) as company_number,
        name,
        'previous' as name_type,
        snapshot_id
    from previous_names
),

all_names as (
    select * from current_names
    union all
    select * from former_names
),

final as (
    select
        'gb-coh-' || company_number as entity_id,
        name,
        name_type,
        null as lang,
        'strong' as strength,
        'gb_coh_companies' as source,
        company_number as source_record,
        snapshot_id
    from all_names
)

select * from final
