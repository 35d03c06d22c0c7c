-- The OFAC SDN list rows of us_ofac_csv__identifiers (one mapping serves both
-- legacy CSV sets: they share the layout and OFAC's uid space).
with rows_of_both as (
    select * from conformed.us_ofac_csv__identifiers
),

final as (
    select * from rows_of_both where source = 'us_ofac_sdn'
)

select * from final
