-- revision: 0e0000000005
-- revisez: 0a0000000001

-- +up
SELECT 1;
