-- revision: 40dd00000004
-- revises: 20bb00000002, 30cc00000003
-- message: merge left and right

-- +up
-- merge: nothing to do

-- +down
-- merge: nothing to undo
