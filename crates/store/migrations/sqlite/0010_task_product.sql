-- A task's expected result (sản phẩm / kết quả cần đạt, the fifth "rõ"; theodoi_core::Task::product),
-- as the document writes it. Tasks stored before it was read have none (NULL), as their extraction_json
-- has none: the document's next revision reads it (the same bytes again are a no-op).
-- Keep in step with ../postgres/0010_task_product.sql.
ALTER TABLE tasks ADD COLUMN product TEXT;
