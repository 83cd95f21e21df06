﻿-- revision: b1
-- +up
