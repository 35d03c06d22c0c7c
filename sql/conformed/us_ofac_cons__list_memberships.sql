-- The OFAC non-SDN lists rows of us_ofac_csv__list_memberships (one mapping serves both
-- legacy CSV sets: they share the layout and OFAC's uid space).
with rows_of_both as (
    select * from conformed.us_ofac_csv__list_memberships
),

final as (
    select * from rows_of_both where source = 'us_ofac_cons'
)

select * from final
