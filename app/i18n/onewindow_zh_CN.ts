<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../ui/case_model.py" line="40" />
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="40" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="40" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="40" />
        <source>Service item</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="41" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="41" />
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="41" />
        <source>Committed date</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="41" />
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="78" />
        <source> (provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="85" />
        <source>Statutory limit: %1</source>
        <translation>法定时限：%1</translation>
    </message>
</context>
<context>
    <name>CasesScreen</name>
    <message>
        <location filename="../ui/screens/cases.py" line="47" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="51" />
        <source>Case number, applicant name or initials, item</source>
        <translation>办件编号、申请人姓名或拼音首字母、事项名称</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="55" />
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="60" />
        <source>Colours: red = overdue, yellow = due within 1 working day, green = on time, grey = paused.</source>
        <translation>颜色说明：红色＝已超期，黄色＝1 个工作日内到期，绿色＝正常，灰色＝补正暂停计时。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="68" />
        <source>%1 cases</source>
        <translation>共 %1 件</translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <location filename="../ui/screens/catalog.py" line="35" />
        <source>Import catalog file…</source>
        <translation>导入事项目录文件…</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="36" />
        <source>Import the catalog published by the county (JSON). Old versions are kept.</source>
        <translation>导入县级发布的事项目录（JSON 文件），旧版本会保留。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="42" />
        <source>Code</source>
        <translation>事项编码</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="42" />
        <source>Service item</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="42" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="42" />
        <source>Handling</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="43" />
        <source>Statutory (working days)</source>
        <translation>法定时限（工作日）</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="43" />
        <source>Committed (working days)</source>
        <translation>承诺时限（工作日）</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="43" />
        <source>Materials</source>
        <translation>材料数</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="67" />
        <source>Import catalog (center head only)</source>
        <translation>导入事项目录（仅限中心主任）</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="68" />
        <source>Only the center head can import a catalog.</source>
        <translation>只有中心主任可以导入事项目录。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="84" />
        <source>No catalog has been imported yet.</source>
        <translation>尚未导入事项目录。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="87" />
        <source>Catalog version %1 (%2), %3 items.</source>
        <translation>事项目录版本 %1（%2），共 %3 项。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="89" />
        <source>SAMPLE CATALOG</source>
        <translation>示例目录</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="122" />
        <source>(may be supplied later)</source>
        <translation>（可容缺）</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="124" />
        <source>Conditions</source>
        <translation>办理条件</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="124" />
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="124" />
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="125" />
        <source>Where</source>
        <translation>办理地点</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="125" />
        <source>Process</source>
        <translation>办理流程</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="125" />
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="126" />
        <source>Form</source>
        <translation>原件/复印件</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="126" />
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="126" />
        <source>Issued by</source>
        <translation>出具单位</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="127" />
        <source>How to obtain</source>
        <translation>获取方式</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="147" />
        <source>Import catalog</source>
        <translation>导入事项目录</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="147" />
        <source>Catalog files (*.json)</source>
        <translation>事项目录文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="163" />
        <source>Catalog imported</source>
        <translation>目录已导入</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="164" />
        <source>Catalog version %1 with %2 items is now in use.</source>
        <translation>已启用事项目录版本 %1，共 %2 项。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="168" />
        <source>Catalog not imported</source>
        <translation>目录未导入</translation>
    </message>
</context>
<context>
    <name>DeadlineScreen</name>
    <message>
        <location filename="../ui/screens/cases.py" line="93" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="97" />
        <source>Open cases with a committed completion date, earliest first. Deadlines count Chinese working days; time waiting for the resident's materials does not count.</source>
        <translation>未办结且有承诺期限的办件，按到期日期先后排列。时限按工作日计算（含调休），等待群众补正材料的时间不计入。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="108" />
        <source>&lt;b style='color:#b00000'&gt;Overdue: %1&lt;/b&gt; &amp;nbsp; &lt;b style='color:#a06000'&gt;Due soon: %2&lt;/b&gt; &amp;nbsp; &lt;span style='color:#206020'&gt;On time: %3&lt;/span&gt; &amp;nbsp; Paused: %4</source>
        <translation>&lt;b style='color:#b00000'&gt;已超期：%1&lt;/b&gt; &amp;nbsp; &lt;b style='color:#a06000'&gt;即将到期：%2&lt;/b&gt; &amp;nbsp; &lt;span style='color:#206020'&gt;正常：%3&lt;/span&gt; &amp;nbsp; 暂停计时：%4</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../ui/operations.py" line="52" />
        <source>The disk is full, so this was not saved. Free some disk space and try again; records saved earlier are not affected.</source>
        <translation>磁盘已满，本次操作未保存。请清理磁盘空间后重试；之前已保存的记录不受影响。</translation>
    </message>
    <message>
        <location filename="../ui/operations.py" line="57" />
        <source>The database is busy. Wait a moment and try again.</source>
        <translation>数据库正忙，请稍候再试。</translation>
    </message>
    <message>
        <location filename="../ui/operations.py" line="59" />
        <source>No permission to write to the data folder. Ask IT to check the folder's permissions.</source>
        <translation>没有写入数据文件夹的权限，请联系技术人员检查文件夹权限。</translation>
    </message>
    <message>
        <location filename="../ui/operations.py" line="60" />
        <source>The operation could not be completed. Nothing was changed. If it happens again, show the details to IT.</source>
        <translation>操作未能完成，没有做任何更改。如再次出现，请把详细信息提供给技术人员。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../ui/labels.py" line="9" />
        <source>Awaiting materials</source>
        <translation>待补正</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="10" />
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="11" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="12" />
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="13" />
        <source>Paused for materials</source>
        <translation>补正暂停</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="14" />
        <source>Forwarded</source>
        <translation>已转报</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="15" />
        <source>Returned</source>
        <translation>已返回</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="16" />
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="17" />
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="18" />
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="24" />
        <source>On the spot</source>
        <translation>即办</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="25" />
        <source>Committed</source>
        <translation>承诺件</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="26" />
        <source>Forwarded (proxy)</source>
        <translation>代办/转报</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="31" />
        <source>Window staff</source>
        <translation>窗口人员</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="31" />
        <source>Center head</source>
        <translation>中心主任</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="36" />
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="37" />
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="38" />
        <source>Original and copy</source>
        <translation>原件及复印件</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="39" />
        <source>Electronic</source>
        <translation>电子证照</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../ui/login.py" line="15" />
        <source>OneWindow — log in</source>
        <translation>一窗通 — 登录</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="19" />
        <source>The screen was locked after a period without use. Log in to continue.</source>
        <translation>长时间未操作，屏幕已锁定。请重新登录后继续。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="20" />
        <source>Log in with your staff account.</source>
        <translation>请使用工作人员账号登录。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="29" />
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="30" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="32" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="46" />
        <source>Please log in to use OneWindow.</source>
        <translation>请先登录再使用一窗通。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="51" />
        <source>Enter your login name.</source>
        <translation>请输入登录名。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="54" />
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="73" />
        <location filename="../ui/main_window.py" line="388" />
        <source>OneWindow</source>
        <translation>一窗通</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="86" />
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="92" />
        <source>Search cases: case number, name, initials, item  (Ctrl+F)</source>
        <translation>查找办件：编号、姓名、拼音首字母、事项（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="111" />
        <source>Not set up</source>
        <translation>尚未设置</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="122" />
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="143" />
        <source>Intake (F2)</source>
        <translation>接待受理 (F2)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="143" />
        <source>First inquiry (F4)</source>
        <translation>首问登记 (F4)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="143" />
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="143" />
        <source>Deadlines</source>
        <translation>时限预警</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="144" />
        <source>Printing</source>
        <translation>打印中心</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="144" />
        <source>Ledgers</source>
        <translation>台账统计</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="144" />
        <source>Catalog</source>
        <translation>事项目录</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="144" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="161" />
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="163" />
        <source>Welcome. Complete the first-time setup to start using OneWindow.</source>
        <translation>欢迎使用一窗通。请先完成初始设置。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="172" />
        <source>The database could not be opened. Nothing has been changed.</source>
        <translation>无法打开数据库，没有做任何更改。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="173" />
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="187" />
        <source>OneWindow cannot be used before the first-time setup is complete. Press F5 or restart OneWindow to open the setup again.</source>
        <translation>完成初始设置之前无法使用一窗通。按 F5 或重新启动一窗通即可再次打开设置向导。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="224" />
        <source>Demo center: every demo account's password is %1</source>
        <translation>演示中心：所有演示账号的密码均为 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="229" />
        <source>Log in to continue.</source>
        <translation>请登录后继续。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="241" />
        <source>Staff: %1 (%2)</source>
        <translation>当前人员：%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="270" />
        <source>This screen arrives in the next release of OneWindow. Until then: </source>
        <translation>此功能将在一窗通的下一个版本中提供。在此之前：</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="272" />
        <source>Intake</source>
        <translation>接待受理</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="273" />
        <source>take applications as before; the Catalog screen shows every item's materials, time limits and fees.</source>
        <translation>请按原有方式受理；“事项目录”中可查看每个事项的材料、时限和收费。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="274" />
        <source>First inquiry register</source>
        <translation>首问登记</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="275" />
        <source>record inquiries on the paper register.</source>
        <translation>请在纸质首问登记簿上登记。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="278" />
        <source>Print center</source>
        <translation>打印中心</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="279" />
        <source>receipts and notification slips are printed from the next release.</source>
        <translation>受理回执和一次性告知书将从下一个版本起打印。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="280" />
        <source>Ledgers and statistics</source>
        <translation>台账统计</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="281" />
        <source>the Cases screen lists and counts cases by status.</source>
        <translation>“办件”页面可按状态列出并统计办件。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="292" />
        <source>%1 · window %2 · computer %3</source>
        <translation>%1 · %2 号窗口 · 本机编号 %3</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="295" />
        <source>[DEMO] </source>
        <translation>【演示】</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="299" />
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="301" />
        <source>Offline: not connected to a county server · last sync: %1 · %2 records waiting to sync</source>
        <translation>离线：未连接县级服务器 · 上次同步：%1 · %2 条记录待同步</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="303" />
        <source>OneWindow — %1</source>
        <translation>一窗通 — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="359" />
        <source>Overdue: %1, due soon: %2</source>
        <translation>已超期 %1 件，即将到期 %2 件</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="381" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="382" />
        <source>Locked. Log in to continue.</source>
        <translation>已锁定，请登录后继续。</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../ui/screens/settings.py" line="30" />
        <source>Data and backups</source>
        <translation>数据与备份</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="33" />
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="34" />
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="42" />
        <source>A copy is saved automatically in the backups folder before every upgrade. Copy the backups folder to a USB drive regularly.</source>
        <translation>每次升级前，系统会自动在 backups 文件夹中保存一份数据库副本。请定期把 backups 文件夹复制到 U 盘。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="46" />
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="49" />
        <source>Import calendar table…</source>
        <translation>导入日历表…</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="54" />
        <source>OneWindow %1 — one-window intake for village and community service centers.</source>
        <translation>一窗通 %1 — 村（社区）党群服务中心一窗受理系统。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="68" />
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="72" />
        <source>Import calendar table (center head only)</source>
        <translation>导入日历表（仅限中心主任）</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="86" />
        <source>published</source>
        <translation>已公布</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="86" />
        <source>MISSING — deadlines are provisional (Mon–Fri)</source>
        <translation>缺失 — 该年期限按周一至周五暂定计算</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="89" />
        <source>Official schedule built in for %1–%2.</source>
        <translation>已内置 %1–%2 年国务院公布的放假安排。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="106" />
        <source>Backup saved</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="106" />
        <source>Backup saved to:
%1</source>
        <translation>备份已保存到：
%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="115" />
        <source>Import calendar table</source>
        <translation>导入日历表</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="115" />
        <source>Calendar tables (*.csv)</source>
        <translation>日历表 (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="129" />
        <source>Calendar imported</source>
        <translation>日历已导入</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="130" />
        <source>%1 days imported.</source>
        <translation>已导入 %1 天。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="133" />
        <source>Calendar not imported</source>
        <translation>日历未导入</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../ui/setup_wizard.py" line="24" />
        <source>OneWindow — first-time setup</source>
        <translation>一窗通 — 初始设置</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="31" />
        <source>Service center</source>
        <translation>服务中心</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="32" />
        <source>Enter the center's details as registered with the county.</source>
        <translation>请按县级登记的信息填写本中心资料。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="34" />
        <source>e.g. Qingshan Village Party-Mass Service Center</source>
        <translation>例如：青山村党群服务中心</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="36" />
        <source>2–16 letters or digits, assigned by the county</source>
        <translation>2–16 位字母或数字，由县级部门分配</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="45" />
        <source>Center name *</source>
        <translation>中心名称 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="46" />
        <source>Center code *</source>
        <translation>中心编码 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="47" />
        <source>County / city *</source>
        <translation>所属县（市、区）*</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="48" />
        <source>District</source>
        <translation>所属区</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="49" />
        <source>Town / subdistrict *</source>
        <translation>所属乡镇（街道）*</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="50" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="51" />
        <source>Service phone</source>
        <translation>咨询电话</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="52" />
        <source>Supervision phone</source>
        <translation>监督电话</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="56" />
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="57" />
        <source>Each computer of the center needs its own number; it is part of every case number.</source>
        <translation>本中心每台电脑须有不同的编号；编号是每个办件编号的一部分。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="62" />
        <source>Window number *</source>
        <translation>窗口号 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="63" />
        <source>Computer number *</source>
        <translation>本机编号 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="67" />
        <source>Center head account</source>
        <translation>中心主任账号</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="68" />
        <source>The center head manages staff accounts and the catalog. Keep the password safe.</source>
        <translation>中心主任负责管理工作人员账号和事项目录，请妥善保管密码。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="71" />
        <source>letters and digits, e.g. wangjg</source>
        <translation>字母和数字，例如 wangjg</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="78" />
        <source>Full name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="79" />
        <source>Login name *</source>
        <translation>登录名 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="80" />
        <source>Password * (8+ characters, letters and digits)</source>
        <translation>密码 *（至少 8 位，含字母和数字）</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="81" />
        <source>Repeat password *</source>
        <translation>再次输入密码 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="118" />
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
</TS>