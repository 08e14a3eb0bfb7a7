/**
 * The one catalog of coded errors. Services throw `CredenceError`s; the CLI and
 * (later) the HTTP layer turn them into messages and exit codes or responses.
 * Every code has a status (HTTP-style) and a one-line description of the rule, in English
 * (`rule`) and in Chinese (`zh`), so a reader sees it in their language.
 */
/** Every code states its rule in English (`rule`) and in Chinese (`zh`): the type refuses an entry without both. */
interface ErrorEntry {
  status: number;
  rule: string;
  zh: string;
}

export const ERRORS = {
  // identifiers
  ID_EMPTY: { status: 400, rule: 'an identifier is required', zh: '必须填写标识号' },
  ID_UNKNOWN_SCHEME: {
    status: 400,
    rule: 'the value matches no known identifier scheme',
    zh: '该值不符合任何已知的标识号类型',
  },
  USCC_LENGTH: {
    status: 400,
    rule: 'a USCC has exactly 18 characters',
    zh: '统一社会信用代码应为 18 位',
  },
  USCC_FORMAT: {
    status: 400,
    rule: 'a USCC uses the alphabet 0-9 A-H J-N P-R T U W-Y and digits in positions 3-8',
    zh: '统一社会信用代码只能使用数字和除 I、O、S、V、Z 以外的大写字母，第 3 至 8 位须为数字',
  },
  USCC_CHECKSUM: {
    status: 400,
    rule: 'the USCC check character (GB 32100) does not match',
    zh: '统一社会信用代码的校验位（GB 32100）不正确',
  },
  RIC_LENGTH: {
    status: 400,
    rule: 'a resident ID number has exactly 18 characters',
    zh: '居民身份证号码应为 18 位',
  },
  RIC_FORMAT: {
    status: 400,
    rule: 'a resident ID number is 17 digits and a digit or X',
    zh: '居民身份证号码由 17 位数字加 1 位数字或 X 组成',
  },
  RIC_CHECKSUM: {
    status: 400,
    rule: 'the resident ID check character (ISO 7064 MOD 11-2) does not match',
    zh: '居民身份证号码的校验位（ISO 7064 MOD 11-2）不正确',
  },
  RIC_DATE: {
    status: 400,
    rule: 'the birth date must be a real date, not in the future',
    zh: '出生日期须为真实日期，且不得晚于今天',
  },
  RIC_REGION: {
    status: 400,
    rule: 'the address code must start with a known province code (GB/T 2260)',
    zh: '地址码须以已知的省级行政区划代码（GB/T 2260）开头',
  },
  LEI_LENGTH: {
    status: 400,
    rule: 'an LEI has exactly 20 characters',
    zh: '法人机构识别编码（LEI）应为 20 位',
  },
  LEI_FORMAT: {
    status: 400,
    rule: 'an LEI is 18 letters or digits followed by 2 check digits',
    zh: '法人机构识别编码（LEI）由 18 位字母或数字加 2 位校验数字组成',
  },
  LEI_CHECKSUM: {
    status: 400,
    rule: 'the LEI check digits (ISO 7064 MOD 97-10) do not match',
    zh: '法人机构识别编码（LEI）的校验数字（ISO 7064 MOD 97-10）不正确',
  },
  PASSPORT_FORMAT: {
    status: 400,
    rule: 'a passport number is 5 to 20 letters or digits',
    zh: '护照号码由 5 至 20 位字母或数字组成',
  },
  LEGACY_REG_FORMAT: {
    status: 400,
    rule: 'a legacy registration number is 13 or 15 digits',
    zh: '原注册号应为 13 位或 15 位数字',
  },

  // catalog
  CATALOG_INVALID: {
    status: 500,
    rule: 'the catalog files must pass validation',
    zh: '目录文件须通过校验',
  },
  CATALOG_ENTRY_NOT_FOUND: {
    status: 404,
    rule: 'the catalog has no entry with this id',
    zh: '目录中没有该编号的条目',
  },
  CATALOG_NOT_FOUND: {
    status: 500,
    rule: 'the catalog directory must exist and hold YAML files',
    zh: '目录文件夹须存在并包含 YAML 文件',
  },

  // subjects and authorities
  SUBJECT_NOT_FOUND: {
    status: 404,
    rule: 'no subject carries this identifier',
    zh: '没有主体使用该标识号',
  },
  SUBJECT_KIND_INVALID: {
    status: 400,
    rule: 'kind is one of person, business, government, social_org',
    zh: '主体类型须为自然人、企业、机关或社会组织之一',
  },
  SUBJECT_KIND_MISMATCH: {
    status: 400,
    rule: 'the identifier scheme does not fit the subject kind',
    zh: '标识号类型与主体类型不符',
  },
  SUBJECT_NAME_REQUIRED: {
    status: 400,
    rule: 'a new subject needs a name',
    zh: '新建主体须填写名称',
  },
  NAME_INVALID: {
    status: 400,
    rule: 'a name is visible text: no control characters, not only spaces or zero-width marks',
    zh: '名称须为可见文字：不得含控制字符，也不得只有空格或零宽字符',
  },
  SUBJECT_IDENTIFIER_TAKEN: {
    status: 409,
    rule: 'the identifier already belongs to another subject',
    zh: '该标识号已属于其他主体',
  },
  SUBJECT_NAME_UNCHANGED: {
    status: 409,
    rule: 'a new name differs from the current name in its language',
    zh: '新名称须与该语言的现用名称不同',
  },
  SUBJECT_MERGE_SELF: {
    status: 400,
    rule: 'a subject cannot be merged into itself',
    zh: '主体不能与自身合并',
  },
  SUBJECT_MERGE_KIND: {
    status: 400,
    rule: 'only subjects of the same kind can be merged',
    zh: '只能合并同一类型的主体',
  },
  SUBJECT_MERGED: {
    status: 409,
    rule: 'the subject has been merged into another: act on the subject it was merged into',
    zh: '该主体已并入其他主体，请对合并后保留的主体进行操作',
  },
  SUBJECT_MERGE_NOT_FOUND: {
    status: 404,
    rule: 'no merge has this id',
    zh: '没有该编号的合并记录',
  },
  SUBJECT_MERGE_UNDONE: {
    status: 409,
    rule: 'the merge has already been undone',
    zh: '该合并已被撤销',
  },
  SUBJECT_MERGE_UNDO_BLOCKED: {
    status: 409,
    rule: 'the subject kept has since been merged into another: undo that merge first',
    zh: '保留的主体此后又并入了其他主体，请先撤销那次合并',
  },
  REGION_INVALID: {
    status: 400,
    rule: 'a region is a 6-digit division code',
    zh: '行政区划须为 6 位区划代码',
  },
  AUTHORITY_NOT_FOUND: {
    status: 404,
    rule: 'the authority must be registered first',
    zh: '须先登记该机关',
  },
  AUTHORITY_INVALID: {
    status: 400,
    rule: 'an authority needs a valid USCC, a name, known domains and regions',
    zh: '机关须有有效的统一社会信用代码、名称，以及已知的领域和行政区划',
  },

  // records
  RECORD_TYPE_UNKNOWN: {
    status: 400,
    rule: 'the record type must be in the catalog',
    zh: '信息类别须列入目录',
  },
  RECORD_DOMAIN_FORBIDDEN: {
    status: 403,
    rule: "the authority's domains do not include this record type",
    zh: '该信息类别不在本机关的职责领域之内',
  },
  RECORD_REGION_FORBIDDEN: {
    status: 403,
    rule: "the subject's region is outside the authority's regions",
    zh: '该主体所在行政区划不在本机关的管辖范围之内',
  },
  RECORD_TYPE_OUTSIDE_LAYER: {
    status: 403,
    rule: "a regional layer's record type comes only from an authority of that region, about a subject in it",
    zh: '地方目录的信息类别只能由该地区的机关报送，且只能涉及该地区的主体',
  },
  RECORD_SUBJECT_KIND: {
    status: 400,
    rule: 'this record type does not apply to this kind of subject',
    zh: '该信息类别不适用于此类主体',
  },
  LEGAL_BASIS_REQUIRED: {
    status: 400,
    rule: 'every record names its legal basis',
    zh: '每条信息都须注明法律依据',
  },
  FIELD_REQUIRED: { status: 400, rule: 'the field is required', zh: '此项为必填项' },
  FIELD_UNKNOWN: {
    status: 400,
    rule: 'the field is not defined for this record type',
    zh: '该信息类别没有此项',
  },
  FIELD_TYPE: {
    status: 400,
    rule: 'the value does not have the field type',
    zh: '所填值的类型与此项不符',
  },
  FIELD_ENUM: {
    status: 400,
    rule: 'the value is not one of the allowed values',
    zh: '所填值不在允许的选项之内',
  },
  FIELD_RANGE: {
    status: 400,
    rule: 'the value is outside the allowed range',
    zh: '所填值超出允许的范围',
  },
  FIELD_PATTERN: {
    status: 400,
    rule: 'the value does not match the required pattern',
    zh: '所填值不符合规定的格式',
  },
  DATE_INVALID: {
    status: 400,
    rule: 'a date is a real calendar date written YYYY-MM-DD',
    zh: '日期须为真实的日历日期，按“年-月-日”书写：年四位，月和日各两位',
  },
  BIRTH_YEAR_INVALID: {
    status: 400,
    rule: 'a birth year is written YYYY, from 1800 to 2099',
    zh: '出生年份须写作四位数字（1800 至 2099 年）',
  },
  DATE_ORDER: { status: 400, rule: 'the dates are out of order', zh: '日期先后顺序有误' },
  AMOUNT_INVALID: {
    status: 400,
    rule: 'an amount is a non-negative decimal with at most 2 places (yuan), stored in minor units',
    zh: '金额须为不小于零的数，最多保留两位小数（单位：元）',
  },
  CURRENCY_INVALID: {
    status: 400,
    rule: 'a currency is a 3-letter ISO 4217 code',
    zh: '币种须为 ISO 4217 规定的 3 位字母代码（如人民币 CNY）',
  },
  SOURCE_REF_REQUIRED: {
    status: 400,
    rule: "every record carries the furnisher's source reference",
    zh: '每条信息都须填写报送单位的来源编号',
  },
  SOURCE_REF_CONFLICT: {
    status: 409,
    rule: 'this source reference was already submitted with other content; correct the record instead',
    zh: '该来源编号已以不同内容报送过，请改为更正该条信息',
  },
  RECORD_NOT_FOUND: { status: 404, rule: 'no record has this id', zh: '没有该编号的信息' },
  RECORD_REVOKED: {
    status: 409,
    rule: 'a revoked record cannot be corrected or revoked again',
    zh: '已撤销的信息不能再更正或撤销',
  },
  RECORD_REPAIRED: {
    status: 409,
    rule: 'a repaired record is out of public view for good: it can be revoked, not corrected',
    zh: '已完成信用修复的信息永久停止公示，只能撤销，不能更正',
  },
  RECORD_STALE_VERSION: {
    status: 409,
    rule: 'only the current version of a record can be changed',
    zh: '只能修改信息的当前版本',
  },
  REASON_REQUIRED: {
    status: 400,
    rule: 'a correction or revocation states its reason',
    zh: '更正或撤销须说明理由',
  },
  // lists and measures
  LIST_ENTRY_NOT_FOUND: {
    status: 404,
    rule: 'no list entry has this id',
    zh: '没有该编号的名单条目',
  },
  LIST_TYPE_UNKNOWN: {
    status: 400,
    rule: 'the list type must be in the catalog',
    zh: '名单类型须列入目录',
  },
  LIST_TRANSITION_INVALID: {
    status: 409,
    rule: 'entries go proposed → noticed → effective → removed, or to rejected before effect',
    zh: '名单条目须依次经过拟列入、公示告知、生效、移出，生效前也可不予列入',
  },
  LIST_NOTICE_PERIOD_OPEN: {
    status: 409,
    rule: 'no decision before the period to state a case ends, unless the subject waives it',
    zh: '陈述申辩期届满前不得作出决定，主体明确放弃的除外',
  },
  LIST_AUTHORITY_FORBIDDEN: {
    status: 403,
    rule: 'only an authority of the owning domain, with jurisdiction over the subject, acts on a list',
    zh: '只有所属领域且对该主体有管辖权的机关才能对名单进行操作',
  },
  LIST_CRITERIA_UNMET: {
    status: 400,
    rule: "a designation rests on records of the subject that meet the list type's criteria",
    zh: '列入名单须以该主体符合名单认定标准的信息为依据',
  },
  LIST_ALREADY_LISTED: {
    status: 409,
    rule: 'the subject already has an open entry on this list',
    zh: '该主体在此名单上已有未结束的条目',
  },
  LIST_EXTENSION_INVALID: {
    status: 400,
    rule: 'an extension must be allowed by the list type, within its bounds and count',
    zh: '延期须为该名单类型所允许，并在规定的期限和次数之内',
  },
  LIST_EARLY_REMOVAL_TOO_SOON: {
    status: 409,
    rule: 'early removal only after the minimum time served, where the list type allows it',
    zh: '提前移出须在该名单类型允许的情况下，且已满最短期限',
  },
  LIST_REMOVAL_INVALID: {
    status: 400,
    rule: 'the removal reason must be one the list type allows',
    zh: '移出理由须为该名单类型所允许的理由',
  },
  MEASURE_ACTION_UNKNOWN: {
    status: 400,
    rule: 'the action code must be governed by a catalog measure',
    zh: '措施代码须对应目录中的一项惩戒或激励措施',
  },

  // import
  IMPORT_FORMAT: {
    status: 400,
    rule: 'import files are CSV (.csv) or JSON Lines (.jsonl, .ndjson)',
    zh: '导入文件须为 CSV（.csv）或 JSON Lines（.jsonl、.ndjson）格式',
  },
  IMPORT_ROW_MALFORMED: { status: 400, rule: 'the line could not be parsed', zh: '该行无法解析' },
  IMPORT_HEADER_DUPLICATE: {
    status: 400,
    rule: 'a CSV header names each column once',
    zh: 'CSV 表头中每一列的名称只能出现一次',
  },

  // ratings: statistical scorecards
  SCORECARD_DATA_FORMAT: {
    status: 400,
    rule: 'training data is CSV with a header row, or the whitespace-separated German credit layout',
    zh: '训练数据须为带表头的 CSV，或以空白分隔的德国信用数据格式',
  },
  SCORECARD_TARGET_MISSING: {
    status: 400,
    rule: 'the target column must be in the data',
    zh: '数据中须有目标列',
  },
  SCORECARD_TARGET_VALUES: {
    status: 400,
    rule: 'the target column holds exactly two values in every row, one of them the good value',
    zh: '目标列在每一行都须有值，且全部只有两种取值，其中一种为“好”的取值',
  },
  SCORECARD_GOOD_VALUE_REQUIRED: {
    status: 400,
    rule: 'name the good value of the target unless it is 0/1 (then 1 = bad)',
    zh: '请指明目标列中表示“好”的取值；取值为 0/1 时可不指明（1 表示“坏”）',
  },
  SCORECARD_TOO_FEW_ROWS: {
    status: 400,
    rule: 'training needs at least 50 rows and at least as many goods and as many bads as folds',
    zh: '训练至少需要 50 行数据，且“好”和“坏”的样本数都不少于交叉验证的折数',
  },
  SCORECARD_NO_CHARACTERISTICS: {
    status: 400,
    rule: 'at least one characteristic must reach the minimum information value',
    zh: '至少须有一个特征达到最低信息值',
  },
  SCORECARD_OPTION_INVALID: {
    status: 400,
    rule: 'scaling and training options are finite numbers in their ranges',
    zh: '刻度和训练参数须为规定范围内的有限数值',
  },
  SCORECARD_MODEL_INVALID: {
    status: 400,
    rule: 'a scorecard model file must pass validation',
    zh: '评分卡模型文件须通过校验',
  },
  SCORECARD_COLUMN_INVALID: {
    status: 400,
    rule: '--include and --exclude name columns of the data other than the target, and leave one to train on',
    zh: '纳入和排除的列须为目标列以外的数据列，且至少留下一列用于训练',
  },
  SCORECARD_UNMAPPED: {
    status: 400,
    rule: 'a published scorecard reads every characteristic from records: each has a source (record type, field, aggregate)',
    zh: '发布的评分卡须从信息中读取每个特征：每个特征都须有来源（信息类别、字段和汇总方式）',
  },
  SCORECARD_MAPPING_INVALID: {
    status: 400,
    rule: 'a mapping file gives a source to characteristics the scorecard has, on record types and fields of the catalog',
    zh: '映射文件只能为评分卡已有的特征指定来源，且来源须为目录中的信息类别和字段',
  },

  // ratings: runs
  RATING_RUN_NOT_FOUND: {
    status: 404,
    rule: 'no rating run has this id',
    zh: '没有该编号的评价批次',
  },
  RATING_MODEL_UNKNOWN: {
    status: 400,
    rule: 'the rating model must be in the catalog',
    zh: '评价模型须列入目录',
  },
  RATING_RUNS_INCOMPARABLE: {
    status: 400,
    rule: 'only runs of the same rating model compare',
    zh: '只有同一评价模型的批次才能比较',
  },

  // accounts, inquiries and access
  ACCOUNT_INVALID: {
    status: 400,
    rule: 'an account has a name and a role; a subject account names its subject, every other an authority',
    zh: '账户须有名称和角色；主体账户须指明所属主体，其他账户须指明所属机关',
  },
  ACCOUNT_NOT_FOUND: { status: 404, rule: 'no account has this id', zh: '没有该编号的账户' },
  PURPOSE_UNKNOWN: {
    status: 400,
    rule: 'the purpose of an inquiry must be in the catalog',
    zh: '查询用途须列入目录',
  },
  PURPOSE_FORBIDDEN: {
    status: 403,
    rule: 'the purpose must be one the reader’s role may state (each catalog purpose names its roles)',
    zh: '查询用途须为查询人的角色可以声明的用途（目录中每项用途都列明适用的角色）',
  },
  AUTH_REQUIRED: {
    status: 401,
    rule: 'this route needs an API key or a token',
    zh: '此操作须先登录（提供接口密钥或登录令牌）',
  },
  AUTH_INVALID: {
    status: 401,
    rule: 'the API key or token is not valid, or its account is disabled',
    zh: '接口密钥或登录令牌无效，或所属账户已停用',
  },
  ROLE_FORBIDDEN: {
    status: 403,
    rule: "the account's role may not use this route",
    zh: '该账户的角色无权进行此操作',
  },
  AUTHORITY_MISMATCH: {
    status: 403,
    rule: 'an account acts only for its own authority',
    zh: '账户只能代表本机关办理',
  },

  // HTTP requests
  REQUEST_INVALID: {
    status: 400,
    rule: 'the request must match the documented schema',
    zh: '请求内容须符合接口文档的规定',
  },
  REQUEST_MALFORMED: {
    status: 400,
    rule: 'the request body must be well-formed JSON',
    zh: '请求内容须为格式正确的 JSON',
  },
  REQUEST_TOO_LARGE: {
    status: 413,
    rule: 'the request body exceeds the size limit',
    zh: '请求内容超过大小限制',
  },
  REQUEST_CONTENT_TYPE: {
    status: 415,
    rule: 'the content type must be one the route accepts (application/json unless documented)',
    zh: '请求内容类型须为该接口接受的类型（除另有说明外为 JSON）',
  },
  BATCH_TOO_LARGE: {
    status: 413,
    rule: 'a batch holds at most the documented number of items',
    zh: '每批的条数不得超过文档规定的上限',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    rule: 'no route has this method and path',
    zh: '没有与该请求方法和路径对应的接口',
  },
  RATE_LIMITED: {
    status: 429,
    rule: 'too many requests from this account; retry later',
    zh: '该账户请求过于频繁，请稍后再试',
  },
  REQUEST_TIMEOUT: {
    status: 503,
    rule: 'the request took longer than the server allows',
    zh: '请求处理时间超过服务器允许的时长',
  },
  NOT_READY: {
    status: 503,
    rule: 'the server is starting or stopping',
    zh: '服务器正在启动或停止，请稍后再试',
  },
  IMPORT_NOT_FOUND: { status: 404, rule: 'no import has this id', zh: '没有该编号的导入任务' },
  WEBHOOK_NOT_FOUND: {
    status: 404,
    rule: 'no webhook of this account has this id',
    zh: '该账户没有该编号的回调地址',
  },
  WEBHOOK_URL_INVALID: {
    status: 400,
    rule: 'a webhook URL is an absolute http or https URL of at most 2000 characters',
    zh: '回调地址须为以 http 或 https 开头的完整网址，最长 2000 个字符',
  },
  INTERNAL: {
    status: 500,
    rule: 'an unexpected error; it is logged with the request id',
    zh: '发生意外错误，已按请求编号记录在日志中',
  },

  // inputs that never fail open (issue 26)
  ENCODING_INVALID: {
    status: 400,
    rule: 'request bodies and files are UTF-8 text; bytes that are not are refused, never replaced',
    zh: '请求内容和文件须为 UTF-8 编码的文本，其他编码的内容将被拒绝，不会被替换',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    rule: 'the path has routes, but not for this method: the Allow header lists them',
    zh: '该路径有接口，但不支持此请求方法（响应中列出了支持的方法）',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    rule: 'the request line and headers together stay under 16 KiB',
    zh: '请求行和请求头合计须小于 16 KiB',
  },
  HTTP_MALFORMED: {
    status: 400,
    rule: 'the request must be well-formed HTTP/1.1',
    zh: '请求须为格式正确的 HTTP/1.1 请求',
  },
  CLIENT_TIMEOUT: {
    status: 408,
    rule: 'the request must arrive whole within the time the server allows',
    zh: '请求须在服务器允许的时间内完整送达',
  },

  // the store unreachable or busy (issue 17: outages and contention); answered with Retry-After
  STORE_UNAVAILABLE: {
    status: 503,
    rule: 'the database cannot be reached; retry after the seconds Retry-After gives',
    zh: '暂时无法连接数据库，请稍后按提示的等待时间重试',
  },
  COUNTER_UNAVAILABLE: {
    status: 503,
    rule: 'the sign-in throttle, the public lookup limit and the screening quota are never skipped: while the database or Redis that keeps their counts cannot be reached, the request is refused; retry after the seconds Retry-After gives',
    zh: '登录失败限制、公开查询限制和筛查配额不会被跳过：保存其计数的数据库或 Redis 无法连接时，请求将被拒绝，请稍后按提示的等待时间重试',
  },
  BACKUP_FAILED: {
    status: 500,
    rule: 'the backup or restore could not be completed',
    zh: '备份或恢复未能完成',
  },
  BACKUP_TARGET_EXISTS: {
    status: 409,
    rule: 'a backup is written to a new file, and restored only into an empty store (or with --force on SQLite)',
    zh: '备份须写入新文件；恢复只能恢复到空的数据库（SQLite 可强制覆盖）',
  },
  BACKUP_FOLDER_MISSING: {
    status: 400,
    rule: 'a backup is written into a folder that exists',
    zh: '备份须写入已存在的文件夹',
  },
  BACKUP_INVALID: {
    status: 400,
    rule: 'the backup must be a Credence store whose audit chain verifies',
    zh: '备份须为审计链校验通过的本系统数据库',
  },
  IMPORT_WRITE_FAILED: {
    status: 503,
    rule: 'a batch could not be written (e.g. the disk is full); the batches before it are committed and a re-run resumes',
    zh: '某一批数据未能写入（例如磁盘已满）；此前各批已提交，重新运行将从中断处继续',
  },
  IMPORT_REPORT_FAILED: {
    status: 400,
    rule: 'the error report file must be writable (its directory must exist and have room)',
    zh: '错误报告文件须可写入（所在文件夹须存在且有剩余空间）',
  },
  IMPORT_ROW_REJECTED: {
    status: 400,
    rule: 'with --strict, an import stops at the batch boundary before its first rejected row',
    zh: '在严格模式下，导入会在出现第一条被拒绝的行之前的批次边界处停止',
  },
  IMPORT_STOPPED: {
    status: 503,
    rule: 'the import stopped at a batch boundary (a shutdown); run it again to resume',
    zh: '导入在批次边界处停止（服务关闭），重新运行即可继续',
  },
  SERVE_WORKER_FAILED: {
    status: 500,
    rule: 'every worker of `serve --workers` must start: one stopped before it listened (its own error is printed above), so none is left running',
    zh: '多进程服务（serve --workers）的某个工作进程未能启动监听（其错误信息见上方），所有工作进程均已停止',
  },
  JOB_LEASE_LOST: {
    status: 503,
    rule: "a job's worker lost its lease (it stalled past the lease and another worker took the job over); its last batch is rolled back and the other worker goes on",
    zh: '任务的执行进程失去租约（停顿超时，已由另一进程接手）；其最后一批已回滚，由另一进程继续',
  },
  STORE_DISK_FULL: {
    status: 503,
    rule: "the database's file system must have room for writes (a SQLite store keeps at least CREDENCE_SQLITE_MIN_FREE_MB free); retry after the seconds Retry-After gives",
    zh: '数据库所在磁盘剩余空间不足，无法写入，请稍后按提示的等待时间重试',
  },
  STORE_BUSY: {
    status: 503,
    rule: "another process holds the database's write lock; retry after the seconds Retry-After gives",
    zh: '另一程序正在写入数据库，请稍后按提示的等待时间重试',
  },

  // objections
  OBJECTION_INVALID: {
    status: 400,
    rule: 'an objection names an item of the file and states its grounds',
    zh: '异议须指明信用档案中的具体事项并说明理由',
  },
  OBJECTION_NOT_FOUND: { status: 404, rule: 'no objection has this id', zh: '没有该编号的异议' },
  OBJECTION_ALREADY_OPEN: {
    status: 409,
    rule: 'an item has at most one open objection',
    zh: '同一事项同时只能有一项未办结的异议',
  },
  OBJECTION_CLOSED: { status: 409, rule: 'an objection is answered once', zh: '异议只能答复一次' },
  OBJECTION_OUTCOME_REQUIRED: {
    status: 400,
    rule: 'an upheld objection to a record corrects or revokes it',
    zh: '对信息的异议成立时，须更正或撤销该信息',
  },
  OBJECTION_RECONSIDER_INVALID: {
    status: 409,
    rule: 'a reconsideration contests a rejected objection to the same item, within the period the rule allows',
    zh: '复核只能针对同一事项已被驳回的异议，并须在规定期限内提出',
  },
  RATING_NOT_FOUND: {
    status: 404,
    rule: 'no rating of this subject has this id',
    zh: '该主体没有该编号的评价结果',
  },

  // credit repair
  REPAIR_INVALID: {
    status: 400,
    rule: 'a repair application names an item of the file, the obligations performed with evidence, and a commitment',
    zh: '信用修复申请须指明信用档案中的具体事项、已履行的义务及证明材料，并作出信用承诺',
  },
  REPAIR_NOT_AVAILABLE: {
    status: 409,
    rule: 'only a published record whose type and tier allow repair, or an effective entry of a list with early removal, can be repaired',
    zh: '只有类别和等级允许修复的已公示信息，或允许提前移出的名单中已生效的条目，才能申请信用修复',
  },
  REPAIR_TOO_EARLY: {
    status: 409,
    rule: 'repair can be applied for once the catalog’s minimum period has passed',
    zh: '须满目录规定的最短期限后才能申请信用修复',
  },
  REPAIR_OBLIGATION_UNPERFORMED: {
    status: 400,
    rule: 'every obligation of the repair rule is declared performed, with at least one piece of evidence',
    zh: '修复规则要求的每项义务都须声明已履行，并至少提供一份证明材料',
  },
  REPAIR_ALREADY_OPEN: {
    status: 409,
    rule: 'an item has at most one open repair application',
    zh: '同一事项同时只能有一项未办结的信用修复申请',
  },
  REPAIR_NOT_FOUND: {
    status: 404,
    rule: 'no repair application has this id',
    zh: '没有该编号的信用修复申请',
  },
  REPAIR_STEP_INVALID: {
    status: 409,
    rule: 'the platform forwards a submitted application; the authority decides a forwarded one; a decided one is final',
    zh: '平台转送已提交的申请，机关决定已转送的申请，已作出的决定为最终决定',
  },

  // search
  RECONCILE_INVALID: {
    status: 400,
    rule: 'queries is a JSON object of queries by key (a letter or digit, then up to 63 of letters, digits, _ . : -), each with a query of 1 to 200 characters and optionally known types, a positive limit and one region',
    zh: '批量匹配请求须为按键名列出的查询，键名以字母或数字开头，最长 64 个字符；每项查询为 1 至 200 个字符，可选填已知类型、正整数条数上限和一个行政区划',
  },
  SEARCH_INVALID: {
    status: 400,
    rule: 'a search names a query of 1 to 200 characters, and optionally a kind, a region prefix and whether listed',
    zh: '搜索内容须为 1 至 200 个字符，可选填主体类型、行政区划代码前缀和是否仅限名单内主体',
  },

  SCREEN_INVALID: {
    status: 400,
    rule: 'a screening batch holds 1 to 100 queries, each with a name or an identifier',
    zh: '每批筛查须有 1 至 100 项查询，每项须有名称或标识号',
  },

  // persons re-identifiable (issue 25): finding a person in public, screening persons
  PUBLIC_LOOKUP_NAME_REQUIRED: {
    status: 400,
    rule: 'a person is found in public only by the full identifier together with the name',
    zh: '公开查询自然人须同时提供完整的标识号和姓名',
  },
  SCREEN_PURPOSE_REQUIRED: {
    status: 400,
    rule: 'screening a person (by kind, birth date or a person’s identifier) states a catalog purpose',
    zh: '筛查自然人（按主体类型、出生日期或自然人标识号）须声明目录中的查询用途',
  },
  SCREENING_RATE_LIMITED: {
    status: 429,
    rule: 'too many screening or reconciliation queries from this account in a minute; retry after the time Retry-After gives',
    zh: '该账户一分钟内的筛查或匹配查询过多，请稍后按提示的等待时间重试',
  },
  LOOKUP_THROTTLED: {
    status: 429,
    rule: 'too many lookups from this address found no subject; retry after the time Retry-After gives',
    zh: '从该地址发出的查询多次未查到主体，请稍后按提示的等待时间重试',
  },

  // issue 18: public credit reports and credit commitments
  REPORT_NOT_FOUND: {
    status: 404,
    rule: 'no public credit report was issued with this verification code',
    zh: '没有以该验证码出具的公共信用报告',
  },
  REPORT_PERSON: {
    status: 403,
    rule: 'a public credit report is issued only for an organization; a person’s file is not public',
    zh: '公共信用报告仅为组织出具；自然人的信用档案不公开',
  },
  REPORT_DIGEST_INVALID: {
    status: 400,
    rule: 'a report digest is the 64 lower-case hex digits of a SHA-256 hash',
    zh: '报告摘要须为 SHA-256 哈希值的 64 位小写十六进制数字',
  },
  COMMITMENT_TEMPLATE_UNKNOWN: {
    status: 400,
    rule: 'a commitment uses a template of the catalog',
    zh: '信用承诺须使用目录中的承诺模板',
  },
  COMMITMENT_TERM_INVALID: {
    status: 400,
    rule: 'a commitment’s term is one of those its template allows',
    zh: '信用承诺的期限须为所用模板允许的期限之一',
  },
  COMMITMENT_NO_AUTHORITY: {
    status: 409,
    rule: 'a commitment is filed with an authority of the template’s domain whose regions cover the organization; the registry has none yet',
    zh: '信用承诺须向辖区覆盖该组织、且属于承诺模板所定领域的机关作出；平台暂无此类机关',
  },
  COMMITMENT_FORBIDDEN: {
    status: 403,
    rule: 'a credit commitment is made only by the organization itself, through its own subject account',
    zh: '信用承诺只能由组织本身通过其主体账户作出',
  },

  // audit
  AUDIT_EMPTY: {
    status: 409,
    rule: 'a checkpoint needs at least one audit entry',
    zh: '创建检查点至少需要一条审计记录',
  },
  CHECKPOINT_INVALID: {
    status: 400,
    rule: 'a checkpoint is SEQ:HASH, the sequence number and 64 hex digits of the entry hash',
    zh: '检查点的格式为“序号:哈希值”，即审计记录的序号和 64 位十六进制哈希值',
  },

  // issue 25, writes in an officer's scope: what an identifier encodes, who writes subjects and relations
  SUBJECT_REGION_IMPLIED: {
    status: 400,
    rule: "a USCC's positions 3-8 and a resident ID's first 6 digits are the subject's region; a submitted region may not contradict them",
    zh: '统一社会信用代码的第 3 至 8 位和居民身份证号码的前 6 位即主体所在行政区划，填写的行政区划不得与之矛盾',
  },
  SUBJECT_KIND_IMPLIED: {
    status: 400,
    rule: "a USCC's positions 1-2 imply the subject's kind; a submitted kind may not contradict them",
    zh: '统一社会信用代码的第 1 至 2 位决定主体类型，填写的主体类型不得与之矛盾',
  },
  SUBJECT_REGION_UNKNOWN: {
    status: 400,
    rule: 'a subject region is a division code of the current GB/T 2260 list',
    zh: '主体所在行政区划须为现行 GB/T 2260 中的区划代码',
  },
  SUBJECT_REGION_FORBIDDEN: {
    status: 403,
    rule: 'an authority registers and changes subjects only in its regions; an operator, any',
    zh: '机关只能登记和修改本辖区内的主体；平台运营方不受此限',
  },
  RELATION_SCOPE: {
    status: 403,
    rule: "a legal representative, principal or actual controller is recorded only by an operator or a market-registration authority whose regions cover the organization's; a shareholder, by an authority whose regions cover it",
    zh: '法定代表人、负责人或实际控制人只能由平台运营方或辖区覆盖该组织的市场登记机关登记；股东只能由辖区覆盖该组织的机关登记',
  },
  RELATION_BASIS_REQUIRED: {
    status: 400,
    rule: 'a legal representative, principal or actual controller relation names its basis document (e.g. the registration it comes from)',
    zh: '登记法定代表人、负责人或实际控制人关系须注明依据文件（如其所依据的登记信息）',
  },
  RELATION_SUBJECT_KIND: {
    status: 400,
    rule: 'relations are recorded on an organization, not on a person',
    zh: '关联关系只能登记在组织上，不能登记在自然人上',
  },
  RELATION_DUPLICATE: {
    status: 409,
    rule: 'the other subject already stands in this relation (or membership) to the organization, and it has not ended: a relation is recorded once while in force',
    zh: '该主体与该组织之间已有同类关联关系（或成员关系）且尚未终止：关系在有效期内只登记一次',
  },
  // memberships (issue 22): households of a village, villages of a township
  MEMBERSHIP_SCOPE: {
    status: 403,
    rule: "a membership is recorded only by an operator or an authority of the membership's domains whose regions cover the group's",
    zh: '成员关系只能由平台运营方或辖区覆盖该组织、且属于该成员关系所定领域的机关登记',
  },
  MEMBERSHIP_GROUP: {
    status: 400,
    rule: 'the group of a membership is an organization whose USCC says it is of the membership’s class (e.g. a village-level organisation, N2)',
    zh: '成员关系的组织须为统一社会信用代码表明属于该成员关系所定类别的组织（如村级组织 N2）',
  },
  MEMBERSHIP_MEMBER: {
    status: 400,
    rule: 'a member is a subject of the kind (and USCC class) the membership names',
    zh: '成员须为该成员关系所定种类（及统一社会信用代码类别）的主体',
  },
  MEMBERSHIP_CYCLE: {
    status: 400,
    rule: 'a subject is no member of itself, nor of a group that is its own member',
    zh: '主体不能是自身的成员，也不能是其自身成员所属组织的成员',
  },

  // trust at the edges (issue 25, other findings: webhooks, purposes, consent, sign-in, accounts)
  WEBHOOK_TARGET_FORBIDDEN: {
    status: 400,
    rule: 'a webhook URL resolves only to public addresses: not loopback, private, link-local, unique-local, multicast or unspecified ones, unless the operator allows them',
    zh: '回调地址只能指向公网地址，不得指向本机、内网、链路本地、组播或未指定地址，平台运营方允许的除外',
  },
  PURPOSE_OUT_OF_SCOPE: {
    status: 403,
    rule: 'the purpose serves only the domains and jurisdictions the catalog names: the reader’s authority acts in one of its domains, and the subject is in the reader’s regions where the purpose says so',
    zh: '查询用途只适用于目录列明的领域和辖区：查询人所属机关须在其中一个领域履职，用途有要求时主体须在查询人的辖区内',
  },
  CONSENT_REQUIRED: {
    status: 400,
    rule: 'a consent-based purpose needs the subject’s consent: consentDocument, consentDate and consentScope',
    zh: '以授权为依据的查询用途须有主体的授权：授权文件编号、授权日期和授权范围',
  },
  CONSENT_INVALID: {
    status: 400,
    rule: 'a consent reference has a document id (1 to 128 characters), a real calendar date (YYYY-MM-DD) not after today and a scope (1 to 500 characters), and goes only with a consent-based purpose',
    zh: '授权信息须有授权文件编号（1 至 128 个字符）、不晚于今天的真实日期（年-月-日）和授权范围（1 至 500 个字符），且只能用于以授权为依据的查询用途',
  },
  AUTH_THROTTLED: {
    status: 429,
    rule: 'too many failed sign-ins from this address or for this key; retry after the time given',
    zh: '该地址或该密钥登录失败次数过多，请在提示的时间后重试',
  },
  TOKEN_KEY_REQUIRED: {
    status: 403,
    rule: 'a token is issued in exchange for an API key, not for another token',
    zh: '登录令牌只能用接口密钥换取，不能用另一个令牌换取',
  },
  ACCOUNT_SELF: {
    status: 409,
    rule: 'an operator cannot disable or demote its own account',
    zh: '平台运营方不能停用本人账户或降低本人账户的角色',
  },
  AUTHORITY_REASON_REQUIRED: {
    status: 400,
    rule: 'a change to an authority states its reason',
    zh: '变更机关信息须说明理由',
  },

  // demo
  DEMO_KEYS_MISSING: {
    status: 404,
    rule: 'the demo keys are written by `credence serve --demo` (npm start) on an empty database',
    zh: '演示密钥只在空数据库上以演示模式启动服务时生成',
  },

  // configuration and storage
  CONFIG_INVALID: { status: 500, rule: 'the configuration must be valid', zh: '系统配置须有效' },
  DB_URL_INVALID: {
    status: 500,
    rule: 'the database is a file path or a postgres:// URL',
    zh: '数据库须为文件路径或 PostgreSQL 连接地址',
  },
  DB_PATH_UNWRITABLE: {
    status: 500,
    rule: 'a SQLite database is a file that can be created and written at the path given',
    zh: 'SQLite 数据库须为可在所给路径创建和写入的文件',
  },
  PORT_IN_USE: {
    status: 500,
    rule: 'the server listens on a port no other program holds',
    zh: '服务器须监听未被其他程序占用的端口',
  },
  FILE_NOT_FOUND: {
    status: 400,
    rule: 'the file named must exist and be readable',
    zh: '所指定的文件须存在且可读取',
  },
  DURATION_INVALID: {
    status: 400,
    rule: 'a duration is ISO 8601 in years, months and days (PnYnMnD), e.g. P1Y or P6M',
    zh: '期限须以年、月、日表示（ISO 8601 格式，如一年为 P1Y，六个月为 P6M）',
  },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorDetail {
  /** the input field the problem is about, e.g. `subject_identifier` or `fields.fine_amount` */
  field?: string;
  /** extra data a caller may show, never internals */
  [key: string]: unknown;
}

export class CredenceError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly rule: string;
  /** the rule in Chinese; `message` may be more specific, `ruleZh` is the catalog's plain statement */
  readonly ruleZh: string;
  readonly field: string | undefined;
  readonly detail: ErrorDetail;

  constructor(code: ErrorCode, message?: string, detail: ErrorDetail = {}) {
    const entry = ERRORS[code];
    super(message ?? entry.rule);
    this.name = 'CredenceError';
    this.code = code;
    this.status = entry.status;
    this.rule = entry.rule;
    this.ruleZh = entry.zh;
    this.field = detail.field;
    this.detail = detail;
  }

  toJSON(): { code: ErrorCode; field?: string; rule: string; message: string } {
    return {
      code: this.code,
      ...(this.field ? { field: this.field } : {}),
      rule: this.rule,
      message: this.message,
    };
  }
}

/** Throws a coded error; a short form for validation code. */
export function fail(code: ErrorCode, message?: string, detail?: ErrorDetail): never {
  throw new CredenceError(code, message, detail);
}

export function isCredenceError(value: unknown): value is CredenceError {
  return value instanceof CredenceError;
}
