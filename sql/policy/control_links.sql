-- The control links one policy counts, prepared once per policy run, each with
-- the kind of determination its basis gives under the policy.
with edges as (
    select * from valid_edges
),

control as (
    select
        owner_id,
        subject_id,
        basis,
        case
            when list_contains($control_definite::varchar[], basis) then 'control_definite'
            else 'control_possible'
        end as kind,
        direct_or_indirect <> 'indirect' as is_direct,
        null::double as lo,
        null::double as hi,
        relationship_id
    from edges
    where list_contains($control_definite::varchar[], basis)
        or list_contains($control_possible::varchar[], basis)
)

select * from control
