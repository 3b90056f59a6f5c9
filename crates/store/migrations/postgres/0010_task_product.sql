-- A task's expected result (sản phẩm / kết quả cần đạt, the fifth "rõ"; theodoi_core::Task::product),
-- as the document writes it. Tasks stored before it was read have none (NULL), as their extraction_json
-- has none: re-adding the document reads it. Keep in step with ../sqlite/0010_task_product.sql.
ALTER TABLE tasks ADD COLUMN product TEXT;
