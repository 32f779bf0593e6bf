<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../ui/about.py" line="36"/>
        <source>version %1 installs at the next start</source>
        <translation>版本 %1 将在下次启动时安装</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="39"/>
        <source>version %1 available</source>
        <translation>有新版本 %1</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="41"/>
        <source>no newer version (checked %1)</source>
        <translation>已是最新版本（%1 检查）</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="52"/>
        <source>About OneWindow</source>
        <translation>关于一窗通</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="56"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="57"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="57"/>
        <source>not open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="58"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="59"/>
        <source>Sync</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="59"/>
        <source>not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="60"/>
        <source>Updates</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="60"/>
        <source>No update source configured</source>
        <translation>未配置更新源</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="62"/>
        <source>OneWindow (一窗通) — one-window intake for village and community service centers</source>
        <translation>一窗通 — 村（社区）党群服务中心一窗受理系统</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="73"/>
        <source>Copy diagnostics</source>
        <translation>复制诊断信息</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="74"/>
        <source>Copies the versions and the log&apos;s last lines for IT; ID numbers, phones and query codes are hidden</source>
        <translation>复制版本信息和最近的日志，供信息技术人员排查问题；身份证号、手机号和查询码已隐去</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="100"/>
        <source>Copied (%1 lines). Paste it into the message to IT.</source>
        <translation>已复制（%1 行）。请粘贴到发给信息技术人员的消息中。</translation>
    </message>
</context>
<context>
    <name>AccountsBox</name>
    <message>
        <location filename="../ui/screens/staff.py" line="395"/>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="397"/>
        <source>Manage staff accounts…</source>
        <translation>人员管理…</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="398"/>
        <source>Change my password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="418"/>
        <source>Logged in as %1 (%2), %3.</source>
        <translation>当前登录：%1（%2），%3。</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="432"/>
        <source>Password changed</source>
        <translation>密码已修改</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="433"/>
        <source>Your password was changed. Use it from the next login on.</source>
        <translation>密码已修改，下次登录请使用新密码。</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../ui/case_detail.py" line="307"/>
        <source>Result *</source>
        <translation>办结结果 *</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="313"/>
        <source>Original date</source>
        <translation>原承诺日期</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="314"/>
        <source>New date *</source>
        <translation>新的办结日期 *</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="316"/>
        <source>Name of the head who approved it</source>
        <translation>批准延期的负责人姓名</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="317"/>
        <source>Approved by *</source>
        <translation>批准人 *</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="318"/>
        <source>Leave empty for the basis the county set</source>
        <translation>留空则使用县级设置的依据</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="319"/>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="322"/>
        <source>Required if the new date is after the statutory date %1</source>
        <translation>新日期晚于法定期限 %1 时必填</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="324"/>
        <source>Past the statutory date because</source>
        <translation>超过法定期限的理由</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="333"/>
        <source>Bring them by</source>
        <translation>指定日期</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="342"/>
        <source>Materials to supply *</source>
        <translation>需补正的材料 *</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="343"/>
        <source>Unticked: the item&apos;s period to supply materials (working days)</source>
        <translation>不勾选则按该事项的补正期限（工作日）计算</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="347"/>
        <source>Deadline</source>
        <translation>补正期限</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="351"/>
        <source>Forward to *</source>
        <translation>转报至 *</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="352"/>
        <source>Expected back by</source>
        <translation>预计返回日期</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="356"/>
        <source>Reason (required; printed on the notice where there is one)</source>
        <translation>原因（必填；有告知书的会打印在告知书上）</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="357"/>
        <source>Note (optional)</source>
        <translation>备注（可不填）</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="358"/>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="358"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="362"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="371"/>
        <source>The new date is after the statutory date %1: give the reason, it is printed on the notice.</source>
        <translation>新日期晚于法定期限 %1，须写明理由（打印在告知书上）。</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="388"/>
        <source>Choose the materials the applicant must supply</source>
        <translation>请勾选申请人需要补正的材料</translation>
    </message>
</context>
<context>
    <name>AddStaffDialog</name>
    <message>
        <location filename="../ui/screens/staff.py" line="52"/>
        <source>Add a staff member</source>
        <translation>添加工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="58"/>
        <source>letters, digits, _ or ., e.g. lina</source>
        <translation>字母、数字、_ 或 .，如 lina</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="66"/>
        <source>Must choose a new password at first login</source>
        <translation>首次登录时须修改密码</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="72"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="73"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="74"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="76"/>
        <source>Phone (optional)</source>
        <translation>电话（可不填）</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="77"/>
        <source>First password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="78"/>
        <source>First password again</source>
        <translation>再次输入初始密码</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="81"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="82"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="95"/>
        <source>Takes cases and inquiries at the window.</source>
        <translation>在窗口受理办件和首问登记。</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="96"/>
        <source>Also manages staff and settings. A head added here is confirmed by the county administrator; until then the center&apos;s other computers treat it as a window worker.</source>
        <translation>还可管理人员和设置。在本机设为中心主任的账号须经县级管理员批准，批准前本中心其他电脑按窗口人员对待。</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="98"/>
        <source>A village proxy agent who takes cases on residents&apos; behalf: like a window worker, without staff or settings.</source>
        <translation>村代办员，代群众申请办理：权限同窗口人员，不能管理人员和设置。</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="104"/>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AppointmentsScreen</name>
    <message>
        <location filename="../ui/screens/appointments.py" line="63"/>
        <source>Book an appointment</source>
        <translation>预约登记</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="65"/>
        <source>Find the resident: name, initials, ID number or phone — Enter</source>
        <translation>查找群众：姓名、拼音首字母、身份证号或电话，按回车</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="71"/>
        <source>Who is booking (filled in when a resident is chosen)</source>
        <translation>预约人（选中群众后自动填入）</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="73"/>
        <location filename="../ui/screens/appointments.py" line="396"/>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="104"/>
        <source>Address of the home visit</source>
        <translation>上门地址</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="109"/>
        <source>Book</source>
        <translation>预约</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="112"/>
        <source>Resident</source>
        <translation>群众</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="116"/>
        <location filename="../ui/screens/appointments.py" line="138"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="118"/>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="119"/>
        <source>Item *</source>
        <translation>事项 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="122"/>
        <location filename="../ui/screens/appointments.py" line="138"/>
        <source>Worker</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="124"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="125"/>
        <source>Slot *</source>
        <translation>时段 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="127"/>
        <source>Booked by</source>
        <translation>预约方式</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="128"/>
        <location filename="../ui/screens/appointments.py" line="139"/>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="129"/>
        <location filename="../ui/screens/appointments.py" line="139"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="135"/>
        <source>The chosen day</source>
        <translation>所选日期</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="136"/>
        <source>Seven days from the chosen day</source>
        <translation>所选日期起 7 天</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="138"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="138"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="138"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="139"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="145"/>
        <source>No appointments on these days. Book one on the left.</source>
        <translation>这几天没有预约。可在左侧登记预约。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="146"/>
        <source>Arrived: check in and take in</source>
        <translation>已到：签到并受理</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="148"/>
        <source>Print slip</source>
        <translation>打印预约凭证</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="149"/>
        <source>Cancel…</source>
        <translation>取消预约…</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="150"/>
        <location filename="../ui/screens/appointments.py" line="495"/>
        <source>Did not come</source>
        <translation>记为爽约</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="161"/>
        <source>A no-show is only recorded: it never stops the resident from booking again. An appointment whose worker is away is marked in red: ask someone else to serve it.</source>
        <translation>爽约只作记录，不影响群众再次预约。接待人员不在岗的预约以红色标出，请安排他人接待。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="218"/>
        <source>— choose the item —</source>
        <translation>— 请选择事项 —</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="222"/>
        <source>Whoever is free</source>
        <translation>任一空闲人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="268"/>
        <source>Not registered: type the name and phone below; the resident is registered at intake.</source>
        <translation>未登记：请在下方填写姓名和电话，受理时再登记群众信息。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="282"/>
        <source>Registered phone: %1 (type another to use it)</source>
        <translation>登记电话：%1（如需其他号码请填写）</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="294"/>
        <source>Choose the item to see the free slots.</source>
        <translation>选择事项后显示可预约时段。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="320"/>
        <source>(away: %1)</source>
        <translation>（不在岗：%1）</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="327"/>
        <source>The center is not open on this day (holiday or weekend without duty).</source>
        <translation>当天不开放（节假日或无周末值班）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="329"/>
        <source>Open %1; no free slot left on this day.</source>
        <translation>开放时间 %1；当天已无空闲时段。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="331"/>
        <source>Open %1. Choose a slot; the worker is the first one free unless you chose one.</source>
        <translation>开放时间 %1。请选择时段；未指定工作人员时由第一位空闲人员接待。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="344"/>
        <source>Choose the item.</source>
        <translation>请选择事项。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="348"/>
        <source>Choose a slot in the list.</source>
        <translation>请在列表中选择时段。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="354"/>
        <source>Nobody is free in this slot.</source>
        <translation>该时段没有空闲的工作人员。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="376"/>
        <source>Booked: %1, %2, %3 with %4.</source>
        <translation>已预约：%1，%2，%3，接待人 %4。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="423"/>
        <source>%1 is away: %2</source>
        <translation>%1 不在岗：%2</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="425"/>
        <source>Cancelled: %1</source>
        <translation>已取消：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="477"/>
        <source>Cancel the appointment</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="478"/>
        <source>Why is the appointment of %1 (%2) cancelled? The reason is kept.</source>
        <translation>%1（%2）的预约因何取消？取消原因将被记录。</translation>
    </message>
    <message>
        <location filename="../ui/screens/appointments.py" line="496"/>
        <source>Record that %1 did not come at %2? It is only recorded: they can book again as usual.</source>
        <translation>记录 %1 未按 %2 的预约到场？仅作记录，不影响其再次预约。</translation>
    </message>
</context>
<context>
    <name>AssignmentsPanel</name>
    <message>
        <location filename="../ui/screens/assignments.py" line="48"/>
        <source>Each service item and each post has a responsible worker (A) and a backup (B). While A is away, B sees A&apos;s work under “Held for absent colleagues”, new cases of A&apos;s items go to B, and what B does is recorded as done for A. If B is away too, B&apos;s own backup acts; if nobody is left, the center head. A and B should not be away at the same time.</source>
        <translation>每个服务事项和每个岗位都设A角（责任人）和B角（替补）。A角不在岗时，B角在“代岗办理”中看到A角的工作，A角事项的新办件交B角办理，B角所办均记为代A角办理。B角也不在岗时由B角的替补代岗；都不在岗时由中心主任顶岗。A、B角不得同时离岗。</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="54"/>
        <source>Filter by item, post or worker</source>
        <translation>按事项、岗位或人员筛选</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="56"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="56"/>
        <source>Item or post</source>
        <translation>事项或岗位</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="56"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="57"/>
        <source>A (responsible)</source>
        <translation>A角（责任人）</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="57"/>
        <source>B (backup)</source>
        <translation>B角（替补）</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="60"/>
        <source>Save A/B</source>
        <translation>保存AB角</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="61"/>
        <source>Add post…</source>
        <translation>新增岗位…</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="62"/>
        <location filename="../ui/screens/assignments.py" line="200"/>
        <source>Remove post</source>
        <translation>撤销岗位</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="68"/>
        <source>A:</source>
        <translation>A角：</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="70"/>
        <source>B:</source>
        <translation>B角：</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="116"/>
        <source>(nobody)</source>
        <translation>（未设）</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="135"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="135"/>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="159"/>
        <source>Choose an item or a post above</source>
        <translation>请在上方选择事项或岗位</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="181"/>
        <source>Add post</source>
        <translation>新增岗位</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="181"/>
        <source>Name of the post (e.g. 民政岗, 社保医保岗):</source>
        <translation>岗位名称（如 民政岗、社保医保岗）：</translation>
    </message>
    <message>
        <location filename="../ui/screens/assignments.py" line="201"/>
        <source>Remove the post %1? Its A/B pair no longer applies.</source>
        <translation>撤销岗位“%1”？其AB角设置将不再适用。</translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <location filename="../ui/sync_attention.py" line="36"/>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="40"/>
        <source>Nothing needs your attention: the county took everything this desk sent. You may close this window.</source>
        <translation>没有需要处理的事项：本机发出的记录县里都已接收。可以关闭此窗口。</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="46"/>
        <source>Keep this desk&apos;s version and send it again</source>
        <translation>保留本机的版本并重新上传</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="47"/>
        <source>Use the county&apos;s version</source>
        <translation>采用县级的版本</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="48"/>
        <source>Seen</source>
        <translation>已知悉</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="60"/>
        <source>The county could not take these changes as they are. Nothing is lost: check each one and choose.</source>
        <translation>以下修改县级未能按原样接收，数据都还在：请逐条核对后选择处理方式。</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="99"/>
        <source>Nothing needs attention.</source>
        <translation>没有需要处理的事项。</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="106"/>
        <source>This desk</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="106"/>
        <source>County</source>
        <translation>县级</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <location filename="../ui/audit_log.py" line="40"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="43"/>
        <source>All staff</source>
        <translation>全部工作人员</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="45"/>
        <source>Resident: name, ID number or phone</source>
        <translation>群众：姓名、证件号码或电话</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="47"/>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="54"/>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="56"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="59"/>
        <location filename="../ui/audit_log.py" line="68"/>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="64"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="68"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="68"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="68"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="126"/>
        <source>%1 entries</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="128"/>
        <source>residents found: %1</source>
        <translation>匹配的群众：%1</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="130"/>
        <source>no resident matches this search</source>
        <translation>没有找到匹配的群众</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="132"/>
        <source>only the newest are shown: narrow the dates</source>
        <translation>只显示了最新的记录，请缩小日期范围</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="141"/>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="142"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/audit_log.py" line="155"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <location filename="../ui/case_detail.py" line="79"/>
        <location filename="../ui/case_detail.py" line="93"/>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="82"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="96"/>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="96"/>
        <source>Required</source>
        <translation>要求</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="180"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="96"/>
        <location filename="../ui/case_detail.py" line="97"/>
        <location filename="../ui/case_detail.py" line="194"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="96"/>
        <source>Handed in</source>
        <translation>实交</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="97"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="97"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="97"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="97"/>
        <location filename="../ui/case_detail.py" line="98"/>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="98"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="98"/>
        <source>Number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="98"/>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="103"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="115"/>
        <source>&lt;b&gt;Materials&lt;/b&gt;</source>
        <translation>&lt;b&gt;材料&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="117"/>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation>&lt;b&gt;办理记录&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="120"/>
        <source>&lt;b&gt;Printed documents&lt;/b&gt;</source>
        <translation>&lt;b&gt;已打印文书&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="123"/>
        <source>Resident&apos;s page</source>
        <translation>群众档案</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="131"/>
        <source>Actions:</source>
        <translation>可办理操作：</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="158"/>
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="163"/>
        <source>%1 working days left</source>
        <translation>还剩 %1 个工作日</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="165"/>
        <source>%1 working days overdue</source>
        <translation>已超期 %1 个工作日</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="176"/>
        <source> (provisional: this year&apos;s holiday schedule is missing)</source>
        <translation>（暂定：缺少该年度节假日安排）</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="178"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="179"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="181"/>
        <source>window %1</source>
        <translation>%1 号窗口</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="182"/>
        <source>Intake outcome</source>
        <translation>受理结果</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="183"/>
        <source>Committed date</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="184"/>
        <source>Statutory date</source>
        <translation>法定办结日期</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="187"/>
        <source>Paused</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="187"/>
        <source>%1 working days waiting for materials</source>
        <translation>等待补正材料 %1 个工作日</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="190"/>
        <source>expected back %1</source>
        <translation>预计 %1 返回</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="192"/>
        <source>Forwarded to</source>
        <translation>转报至</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="195"/>
        <source>at the county</source>
        <translation>已同步到县级</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="195"/>
        <source>not accepted by the county</source>
        <translation>县级未接受</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="196"/>
        <source>waiting to sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="199"/>
        <source>County sync</source>
        <translation>县级同步</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="212"/>
        <source> (not key)</source>
        <translation>（非关键，可容缺）</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="213"/>
        <source>missing</source>
        <translation>未交</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="214"/>
        <source>, promised by %1</source>
        <translation>，承诺 %1 前补交</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="226"/>
        <source> (reprint %1)</source>
        <translation>（补打第 %1 次）</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="231"/>
        <source>Not printed yet: %1</source>
        <translation>尚未打印：%1</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="242"/>
        <source>[not accepted by the county, does not count: %1]</source>
        <translation>［县级未接受，不计入办理状态：%1］</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="244"/>
        <source>received by the county</source>
        <translation>县级已接收</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="244"/>
        <source>returned by the county</source>
        <translation>县级退回补正</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="245"/>
        <source>completed by the county</source>
        <translation>县级已办结</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="249"/>
        <source>deadline %1 → %2</source>
        <translation>期限 %1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="251"/>
        <source>to %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="253"/>
        <source>paused %1 working days</source>
        <translation>暂停 %1 个工作日</translation>
    </message>
    <message>
        <location filename="../ui/case_detail.py" line="255"/>
        <source>missing: %1</source>
        <translation>缺：%1</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../ui/case_model.py" line="47"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="47"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="47"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="47"/>
        <source>Service item</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="48"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="48"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="48"/>
        <source>Committed date</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="48"/>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="49"/>
        <source>County</source>
        <translation>县级同步</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="87"/>
        <source> (provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <location filename="../ui/case_model.py" line="100"/>
        <source>Statutory limit: %1</source>
        <translation>法定时限：%1</translation>
    </message>
</context>
<context>
    <name>CasesScreen</name>
    <message>
        <location filename="../ui/screens/cases.py" line="80"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="84"/>
        <source>All items</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="87"/>
        <source>All staff</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="88"/>
        <source>Received from</source>
        <translation>受理日期从</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="91"/>
        <source>Overdue only</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="96"/>
        <source>Show all cases</source>
        <translation>显示全部办件</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="212"/>
        <source>“%1”: found, but no case matches it and the filters above.</source>
        <translation>已找到“%1”，但没有符合它和上方筛选条件的办件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="215"/>
        <source>Cases found for “%1”.</source>
        <translation>“%1”的查找结果。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="217"/>
        <source>Many residents match and not all are listed: type more to narrow.</source>
        <translation>符合的居民较多，未全部列出：请多输入一些内容缩小范围。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="243"/>
        <source>No cases yet. Press F2 to start an intake.</source>
        <translation>还没有办件。按 F2 开始接待受理。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="245"/>
        <source>No case matches. Change the filters above or clear the search box.</source>
        <translation>没有符合条件的办件。请修改上方的筛选条件，或清空搜索框。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="101"/>
        <source>Open (Enter)</source>
        <translation>打开 (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="103"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="112"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="120"/>
        <source>Colours: red = overdue, yellow = due soon, green = on time, grey = paused. Double-click or Enter opens a case.</source>
        <translation>颜色说明：红色＝已超期，黄色＝即将到期，绿色＝正常，灰色＝补正暂停计时。双击或按回车打开办件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="204"/>
        <source>%1 cases</source>
        <translation>共 %1 件</translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <location filename="../ui/screens/catalog.py" line="45"/>
        <source>Import catalog file…</source>
        <translation>导入事项目录文件…</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="46"/>
        <source>Import the catalog published by the county (JSON). Old versions are kept.</source>
        <translation>导入县级发布的事项目录（JSON 文件），旧版本会保留。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="52"/>
        <source>Code</source>
        <translation>事项编码</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="52"/>
        <source>Service item</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="52"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="52"/>
        <source>Handling</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="53"/>
        <source>Statutory (working days)</source>
        <translation>法定时限（工作日）</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="53"/>
        <source>Committed (working days)</source>
        <translation>承诺时限（工作日）</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="53"/>
        <source>Materials</source>
        <translation>材料数</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="54"/>
        <source>Online</source>
        <translation>可网办</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="63"/>
        <source>Print the online guide (QR)…</source>
        <translation>打印网上办理指引（二维码）…</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="64"/>
        <source>A slip for the resident: the platform&apos;s address as a QR code, the steps and the materials to have ready</source>
        <translation>给群众的指引单：办理平台网址二维码、办理步骤和需准备的材料</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="90"/>
        <source>Once this computer is enrolled with the county server, the county&apos;s catalog arrives by itself with the next sync.</source>
        <translation>本机在县级服务器注册后，县里发布的事项目录会在下次同步时自动下载。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="94"/>
        <source>No catalog yet. Click “Import catalog file…” and choose the catalog the county published. To try OneWindow first, import the sample catalog (for trial only):
%1</source>
        <translation>还没有事项目录。请点击“导入事项目录文件…”，选择县里发布的目录文件。如需先试用，可导入示例目录（仅供试用）：
%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="98"/>
        <source>No catalog yet. Ask the center head to import the county&apos;s catalog file.</source>
        <translation>还没有事项目录。请中心主任导入县里发布的事项目录文件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="102"/>
        <source>Import catalog (center head only)</source>
        <translation>导入事项目录（仅限中心主任）</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="103"/>
        <source>Only the center head can import a catalog.</source>
        <translation>只有中心主任可以导入事项目录。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="124"/>
        <source>No catalog has been imported yet.</source>
        <translation>尚未导入事项目录。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="127"/>
        <source>Catalog version %1 (%2), %3 items.</source>
        <translation>事项目录版本 %1（%2），共 %3 项。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="129"/>
        <source>SAMPLE CATALOG</source>
        <translation>示例目录</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="136"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="164"/>
        <source>(may be supplied later)</source>
        <translation>（可容缺）</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="166"/>
        <source>Conditions</source>
        <translation>办理条件</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="166"/>
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="166"/>
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="167"/>
        <source>Where</source>
        <translation>办理地点</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="167"/>
        <source>Process</source>
        <translation>办理流程</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="167"/>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="168"/>
        <source>Form</source>
        <translation>原件/复印件</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="168"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="168"/>
        <source>Issued by</source>
        <translation>出具单位</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="169"/>
        <source>How to obtain</source>
        <translation>获取方式</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="169"/>
        <source>Can be done online: print the online guide for the resident, or help them apply (帮办网办).</source>
        <translation>可网上办理：可为群众打印网上办理指引，或帮助群众网上申报（帮办网办）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="198"/>
        <source>Import catalog</source>
        <translation>导入事项目录</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="198"/>
        <source>Catalog files (*.json)</source>
        <translation>事项目录文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="214"/>
        <source>Catalog imported</source>
        <translation>目录已导入</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="215"/>
        <source>Catalog version %1 with %2 items is now in use.</source>
        <translation>已启用事项目录版本 %1，共 %2 项。</translation>
    </message>
    <message>
        <location filename="../ui/screens/catalog.py" line="219"/>
        <source>Catalog not imported</source>
        <translation>目录未导入</translation>
    </message>
</context>
<context>
    <name>CenterDetailsDialog</name>
    <message>
        <location filename="../ui/center_details.py" line="38"/>
        <source>Center details</source>
        <translation>中心信息</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="43"/>
        <source>mobile 13812345678 or landline 0769-22345678</source>
        <translation>手机 13812345678 或固定电话 0769-22345678</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="45"/>
        <source>Center name *</source>
        <translation>中心名称 *</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="46"/>
        <source>County / city *</source>
        <translation>所属县（市、区） *</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="47"/>
        <source>e.g. Shifan County: a county, county-level city or city district</source>
        <translation>如：示范县（县、县级市或市辖区）</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="48"/>
        <source>Zone (if any)</source>
        <translation>所属片区（没有可不填）</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="66"/>
        <source>Only if the town is run by a development zone, new area or management area; usually empty</source>
        <translation>仅当乡镇（街道）归开发区、新区、管理区等片区管理时填写，一般不填</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="50"/>
        <source>Town / subdistrict *</source>
        <translation>所属乡镇（街道） *</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="49"/>
        <source>e.g. a development zone or management area; usually empty</source>
        <translation>如：某某开发区、某某管理区；一般不填</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="50"/>
        <source>e.g. Shifan Town, or XX Subdistrict</source>
        <translation>如：示范镇、某某街道</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="51"/>
        <source>Address</source>
        <translation>中心地址</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="52"/>
        <source>Center phone</source>
        <translation>中心电话</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="53"/>
        <source>Consultation phone</source>
        <translation>咨询电话</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="54"/>
        <source>Supervision phone</source>
        <translation>监督电话</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="55"/>
        <source>Opening hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="56"/>
        <source>e.g. weekdays 8:30–12:00, 14:00–17:30</source>
        <translation>如：工作日 8:30–12:00，14:00–17:30</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="57"/>
        <source>Pickup hours</source>
        <translation>取件时间</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="57"/>
        <source>empty = the opening hours</source>
        <translation>不填则同办公时间</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="60"/>
        <source>Center code</source>
        <translation>中心编码</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="71"/>
        <source>The center code begins every case number; it cannot be changed.</source>
        <translation>中心编码是每个办件编号的开头，设置后不能修改。</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="73"/>
        <source>This computer is enrolled with the county server: the name, county, zone and town are kept by the county. Ask the county administrator to change them.</source>
        <translation>本机已在县级服务器注册：中心名称、所属县（市、区）、片区和乡镇（街道）由县级管理，如需修改请联系县级管理员。</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="75"/>
        <source>The phones and hours are printed on the slips and notices; an empty one is left off.</source>
        <translation>电话和时间会印在回执和告知书上；未填写的项不打印。</translation>
    </message>
    <message>
        <location filename="../ui/center_details.py" line="77"/>
        <source>Only the center head can change the center&apos;s details.</source>
        <translation>只有中心主任可以修改中心信息。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../ui/password.py" line="30"/>
        <source>Change my password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../ui/password.py" line="37"/>
        <source>Current password</source>
        <translation>原密码</translation>
    </message>
    <message>
        <location filename="../ui/password.py" line="38"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../ui/password.py" line="39"/>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../ui/password.py" line="40"/>
        <source>At least 8 characters, with both letters and digits.</source>
        <translation>至少 8 位，须同时包含字母和数字。</translation>
    </message>
    <message>
        <location filename="../ui/password.py" line="43"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../ui/password.py" line="44"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/password.py" line="48"/>
        <source>Account: %1</source>
        <translation>账号：%1</translation>
    </message>
    <message>
        <location filename="../ui/password.py" line="58"/>
        <source>Enter your current password.</source>
        <translation>请输入原密码。</translation>
    </message>
    <message>
        <location filename="../ui/password.py" line="62"/>
        <source>The two new passwords are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="47"/>
        <source>A dash (—) after a worker&apos;s name: a rate with nothing to count, drawn without a bar.</source>
        <translation>工作人员姓名后的“—”：该项比率在统计期内没有可计算的数据，不画柱。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="75"/>
        <source>(nothing to count in this period: —)</source>
        <translation>（统计期内没有可计算的数据：—）</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="79"/>
        <source>Accepted and completed by month</source>
        <translation>受理量与办结量月度趋势</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="82"/>
        <location filename="../ui/screens/ledger_charts.py" line="104"/>
        <source>Accepted</source>
        <translation>受理量</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="82"/>
        <location filename="../ui/screens/ledger_charts.py" line="104"/>
        <source>Completed</source>
        <translation>办结量</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="95"/>
        <source>{month}/{year}</source>
        <translation>{month}月</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="101"/>
        <source>Cases by department</source>
        <translation>各部门办件量</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="122"/>
        <source>On-time rate and satisfaction (national) by worker, %</source>
        <translation>工作人员按期办结率与满意率（%）</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="125"/>
        <source>Completed on time</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="125"/>
        <source>Satisfaction (national)</source>
        <translation>满意率（全国口径）</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="134"/>
        <source>on time —</source>
        <translation>按期办结率 —</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger_charts.py" line="135"/>
        <source>satisfaction —</source>
        <translation>满意率 —</translation>
    </message>
</context>
<context>
    <name>ComplaintsScreen</name>
    <message>
        <location filename="../ui/screens/complaints.py" line="89"/>
        <source>Register a complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="92"/>
        <source>In a few words, e.g. rude at the window</source>
        <translation>简要概括，如：窗口人员态度生硬</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="94"/>
        <source>The unit or person complained about</source>
        <translation>被投诉的单位或人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="99"/>
        <source>12345 work-order number</source>
        <translation>12345工单号</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="100"/>
        <source>Hotline deadline</source>
        <translation>热线办理时限</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="104"/>
        <location filename="../ui/screens/complaints.py" line="410"/>
        <location filename="../ui/screens/complaints.py" line="467"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="106"/>
        <location filename="../ui/screens/complaints.py" line="302"/>
        <source>Complainant&apos;s name</source>
        <translation>投诉人姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="108"/>
        <source>To give the answer (optional)</source>
        <translation>用于告知答复（可不填）</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="110"/>
        <source>What happened, as the complainant tells it</source>
        <translation>按投诉人所述填写事情经过</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="114"/>
        <source>Simple: answer the same or next day</source>
        <translation>简单投诉：当日或次日答复</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="118"/>
        <location filename="../ui/screens/complaints.py" line="581"/>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="121"/>
        <source>Case number, if it is about a case (optional)</source>
        <translation>与办件有关的，填写办件编号（可不填）</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="131"/>
        <source>Register and print the slip (Ctrl+Enter)</source>
        <translation>登记并打印回执（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="135"/>
        <source>Title *</source>
        <translation>投诉标题 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="136"/>
        <source>Complained about *</source>
        <translation>被投诉对象 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="137"/>
        <location filename="../ui/screens/complaints.py" line="469"/>
        <source>Source</source>
        <translation>投诉来源</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="142"/>
        <source>Work order *</source>
        <translation>12345工单 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="148"/>
        <location filename="../ui/screens/complaints.py" line="172"/>
        <location filename="../ui/screens/complaints.py" line="467"/>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="149"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="150"/>
        <source>Content *</source>
        <translation>投诉内容 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="155"/>
        <source>Answer within</source>
        <translation>答复时限</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="156"/>
        <location filename="../ui/screens/complaints.py" line="173"/>
        <location filename="../ui/screens/complaints.py" line="474"/>
        <source>Handler</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="157"/>
        <location filename="../ui/screens/complaints.py" line="480"/>
        <source>Linked case</source>
        <translation>关联办件</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="160"/>
        <source>The slip with the complaint number and query code is printed for the complainant at once; with them the progress can be followed online.</source>
        <translation>登记后即为投诉人打印投诉受理回执，凭投诉编号和查询码可在网上查询办理进度。</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="168"/>
        <source>Open complaints</source>
        <translation>未办结的投诉</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="169"/>
        <source>All complaints</source>
        <translation>全部投诉</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="172"/>
        <source>Number</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="172"/>
        <location filename="../ui/screens/complaints.py" line="473"/>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="172"/>
        <location filename="../ui/screens/complaints.py" line="465"/>
        <source>Title</source>
        <translation>投诉标题</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="172"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="173"/>
        <location filename="../ui/screens/complaints.py" line="475"/>
        <source>Answer by</source>
        <translation>承诺答复日期</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="173"/>
        <source>Days overdue</source>
        <translation>超期天数</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="173"/>
        <source>County</source>
        <translation>县级同步</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="182"/>
        <source>No open complaint. When someone complains, in person, by phone, by letter or from 12345, register it in the form on the left.</source>
        <translation>暂无未办结的投诉。群众当面、来电、来信或经12345投诉时，请在左侧登记。</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="184"/>
        <source>Colours: red = overdue, yellow = due soon or waiting to be told, green = on time.</source>
        <translation>颜色：红色 = 已超期，黄色 = 即将到期或待告知投诉人，绿色 = 未到期。</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="188"/>
        <source>The chosen complaint</source>
        <translation>所选投诉</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="197"/>
        <source>Answer…</source>
        <translation>答复…</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="198"/>
        <source>Record telling the complainant…</source>
        <translation>记录告知投诉人…</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="199"/>
        <source>Extend…</source>
        <translation>延期…</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="200"/>
        <source>Escalate to the county…</source>
        <translation>上报县级…</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="201"/>
        <source>Print the slip</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="202"/>
        <source>Show the full phone</source>
        <translation>查看完整电话</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="302"/>
        <source>Not recorded: anonymous</source>
        <translation>匿名，不登记姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="310"/>
        <source>%1 of %2 characters</source>
        <translation>%1 / %2 字</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="405"/>
        <source> (extended)</source>
        <translation>（已延期）</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="408"/>
        <source>County answered</source>
        <translation>县级已答复</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="426"/>
        <source>%1 complaints</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="452"/>
        <source>Choose a complaint in the list to see it and what to do next.</source>
        <translation>在列表中选择一条投诉，查看详情和下一步要做的事。</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="455"/>
        <source>Next: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="464"/>
        <source>Number / query code</source>
        <translation>投诉编号 / 查询码</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="466"/>
        <source>Complained about</source>
        <translation>被投诉对象</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="471"/>
        <source> · hotline deadline %1</source>
        <translation> · 热线时限 %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="476"/>
        <source> (provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="477"/>
        <source> · %1 working days overdue</source>
        <translation> · 已超期 %1 个工作日</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="482"/>
        <source>Extended</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="482"/>
        <source>from %1: %2</source>
        <translation>原定 %1；理由：%2</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="484"/>
        <source>Content</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="486"/>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="488"/>
        <source>Escalated</source>
        <translation>上报县级</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="490"/>
        <source>County&apos;s answer</source>
        <translation>县级答复</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="493"/>
        <source>Told</source>
        <translation>告知投诉人</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="519"/>
        <source>Answer the complaint</source>
        <translation>答复投诉</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="520"/>
        <source>The answer (at most %1 characters). Afterwards, tell the complainant and record how.</source>
        <translation>填写答复内容（不超过 %1 字）。答复后请告知投诉人并记录告知方式。</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="523"/>
        <source>Answer *</source>
        <translation>答复内容 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="542"/>
        <source>Tell the complainant</source>
        <translation>告知投诉人</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="543"/>
        <source>Record how and when the answer reached the complainant. This closes the complaint.</source>
        <translation>记录以何种方式、何时将答复告知投诉人。记录后该投诉办结。</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="554"/>
        <source>e.g. the complainant accepts the answer</source>
        <translation>如：投诉人表示认可</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="555"/>
        <source>How *</source>
        <translation>告知方式 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="556"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="575"/>
        <source>Extend the answer date</source>
        <translation>延期答复</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="576"/>
        <source>Once only, before %1, and with the reason the complainant will be told.</source>
        <translation>只能延期一次，须在 %1 前办理，并写明将告知投诉人的延期理由。</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="584"/>
        <source>Extend by</source>
        <translation>延长</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="585"/>
        <location filename="../ui/screens/complaints.py" line="611"/>
        <source>Reason *</source>
        <translation>理由 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="606"/>
        <source>Escalate to the county</source>
        <translation>上报县级</translation>
    </message>
    <message>
        <location filename="../ui/screens/complaints.py" line="607"/>
        <source>For a complaint about the center itself: the county answers it, and its answer comes back here with the next sync. Then tell the complainant.</source>
        <translation>用于针对本中心的投诉：由县级答复，县级答复在下次同步后显示在这里，再由本中心告知投诉人。</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../ui/resident_page.py" line="372"/>
        <source>Correct %1&apos;s details</source>
        <translation>更正%1的登记信息</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="378"/>
        <source>Now %1; leave empty to keep it</source>
        <translation>现为 %1；不改请留空</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="379"/>
        <source>Mobile or landline with area code</source>
        <translation>手机号码或带区号的固定电话</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="381"/>
        <source>Remove the phone number</source>
        <translation>删除联系电话</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="392"/>
        <source>The ID number was mistyped</source>
        <translation>证件号码录错了，需要更正</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="395"/>
        <source>The whole correct number (checked with its check digit)</source>
        <translation>请输入完整的正确号码（将按校验位核对）</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="400"/>
        <source>Why: e.g. the resident&apos;s own request, a typo at registration</source>
        <translation>更正原因：如群众本人要求、登记时录错</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="401"/>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="402"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="404"/>
        <source>Address (up to %1 characters)</source>
        <translation>住址（最多 %1 个字）</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="405"/>
        <source>Village group</source>
        <translation>村民小组/网格</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="406"/>
        <source>Household notes</source>
        <translation>家庭情况备注</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="408"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="410"/>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="421"/>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 字</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <location filename="../ui/screens/today.py" line="120"/>
        <source>Arrived: check in and take in</source>
        <translation>已到：签到并受理</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="122"/>
        <source>Book an appointment…</source>
        <translation>预约登记…</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="130"/>
        <source>Double-click a line to open it: an appointment checks in and starts intake, a case or an inquiry opens. Your own lines are in bold.</source>
        <translation>双击一行即可打开：预约将签到并进入接待受理，办件或首问登记将打开。与您本人相关的行以粗体显示。</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="165"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="165"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="165"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="165"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="166"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="166"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="166"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="168"/>
        <source>Today, %1</source>
        <translation>今日 %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="169"/>
        <source>%1 things need action today</source>
        <translation>今日待办 %1 项</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="170"/>
        <source>Nothing needs action today</source>
        <translation>今日没有待办事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="206"/>
        <source>Choose a booked appointment in the list first.</source>
        <translation>请先在列表中选择一条预约。</translation>
    </message>
</context>
<context>
    <name>DeadlineScreen</name>
    <message>
        <location filename="../ui/screens/cases.py" line="277"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="282"/>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="283"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="287"/>
        <source>Warn when due within</source>
        <translation>到期预警：提前</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="292"/>
        <source>Open cases with a committed completion date, earliest first. Deadlines count Chinese working days; time waiting for the resident&apos;s materials does not count. Double-click opens a case.</source>
        <translation>未办结且有承诺期限的办件，按到期日期先后排列。时限按工作日计算（含调休），等待群众补正材料的时间不计入。双击打开办件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="297"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="297"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="297"/>
        <source>Topic</source>
        <translation>咨询事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="297"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="297"/>
        <source>Referred to</source>
        <translation>转办至</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="298"/>
        <source>First worker</source>
        <translation>首问人</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="306"/>
        <source>No case is nearing its deadline.</source>
        <translation>没有将到期的办件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="308"/>
        <source>No inquiry is waiting for an answer.</source>
        <translation>没有等待答复的首问登记。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="313"/>
        <source>Answer by</source>
        <translation>承诺答复日期</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="313"/>
        <source>Complaint number</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="313"/>
        <source>Title</source>
        <translation>投诉标题</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="313"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="314"/>
        <source>Days overdue</source>
        <translation>超期天数</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="314"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="322"/>
        <source>No complaint is waiting for an answer.</source>
        <translation>没有等待答复的投诉。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="337"/>
        <source>No bad rating is waiting for a follow-up.</source>
        <translation>没有待整改的差评。</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="366"/>
        <source>&lt;b&gt;Inquiries awaiting an answer&lt;/b&gt; — overdue: %1, due soon: %2, later: %3</source>
        <translation>&lt;b&gt;待跟进的首问登记&lt;/b&gt; — 已超期：%1，即将到期：%2，其他：%3</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="388"/>
        <source>&lt;b&gt;Complaints awaiting an answer or the telling&lt;/b&gt; — overdue: %1, due soon: %2, on time: %3</source>
        <translation>&lt;b&gt;待答复或待告知的投诉&lt;/b&gt; — 已超期：%1，即将到期：%2，未到期：%3</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="418"/>
        <source>&lt;b&gt;Bad ratings to follow up (差评整改)&lt;/b&gt; — overdue: %1, due soon: %2</source>
        <translation>&lt;b&gt;差评整改&lt;/b&gt; —— 已超期：%1，即将到期：%2</translation>
    </message>
    <message>
        <location filename="../ui/screens/cases.py" line="360"/>
        <source>&lt;b style=&apos;color:#b00000&apos;&gt;Overdue: %1&lt;/b&gt; &amp;nbsp; &lt;b style=&apos;color:#a06000&apos;&gt;Due soon: %2&lt;/b&gt; &amp;nbsp; &lt;span style=&apos;color:#206020&apos;&gt;On time: %3&lt;/span&gt; &amp;nbsp; Paused: %4</source>
        <translation>&lt;b style=&apos;color:#b00000&apos;&gt;已超期：%1&lt;/b&gt; &amp;nbsp; &lt;b style=&apos;color:#a06000&apos;&gt;即将到期：%2&lt;/b&gt; &amp;nbsp; &lt;span style=&apos;color:#206020&apos;&gt;正常：%3&lt;/span&gt; &amp;nbsp; 暂停计时：%4</translation>
    </message>
</context>
<context>
    <name>ErrandsTab</name>
    <message>
        <location filename="../ui/screens/proxy.py" line="61"/>
        <source>An errand starts at Intake: fill in the village proxy&apos;s name and the 代办委托书 is printed with the receipt. Until the result is handed back (代办办结单) or the errand stops (代办终止单), the materials are in the proxy&apos;s hands and show on Today.</source>
        <translation>代办从“接待受理”开始：填写代办员姓名后，代办委托书随受理回执一并打印。在办理结果交还群众（代办办结单）或代办终止（代办终止单）之前，材料在代办员手中，并显示在“今日”中。</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="67"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="67"/>
        <source>Resident</source>
        <translation>群众</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="67"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="67"/>
        <source>Proxy</source>
        <translation>代办员</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="67"/>
        <source>Papers</source>
        <translation>材料份数</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="68"/>
        <source>Stage</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="68"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="68"/>
        <source>Warning</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="69"/>
        <source>No materials are with a proxy.</source>
        <translation>目前没有在代办员手中的材料。</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="70"/>
        <source>Taken up to the town…</source>
        <translation>已送交上级…</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="71"/>
        <source>Hand the result back…</source>
        <translation>交还办理结果…</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="72"/>
        <source>Stop the errand…</source>
        <translation>终止代办…</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="73"/>
        <source>Print the mandate again</source>
        <translation>补打代办委托书</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="74"/>
        <source>Open the case</source>
        <translation>查看办件</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="81"/>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="82"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="84"/>
        <source>The proxy takes the materials up within</source>
        <translation>代办员应在以下时限内送交材料：</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="108"/>
        <source>Only the center head can change it.</source>
        <translation>只有中心主任可以修改。</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="148"/>
        <source>Choose an errand in the list first.</source>
        <translation>请先在列表中选择一件代办。</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="164"/>
        <source>Taken up</source>
        <translation>已送交上级</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="164"/>
        <source>Taken to (town or county office):</source>
        <translation>送交单位（镇或县的部门）：</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="170"/>
        <source>Sent up again</source>
        <translation>续办</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="171"/>
        <source>The case came back once: why does the errand go on? (printed on the 续办委托书)</source>
        <translation>该件曾被退回：为什么继续代办？（打印在续办委托书上）</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="190"/>
        <source>Hand the result back</source>
        <translation>交还办理结果</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="191"/>
        <source>What is handed back (licence, decision, card …; separate with 、):</source>
        <translation>交还的办理结果（证照、决定书、卡等，用“、”分隔）：</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="211"/>
        <source>Stop the errand</source>
        <translation>终止代办</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="212"/>
        <source>Why does the errand stop? The materials go back to the resident (代办终止单).</source>
        <translation>终止代办的原因？材料将退还群众（代办终止单）。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../ui/operations.py" line="85"/>
        <source>The disk is full, so this was not saved. Free some disk space and try again; records saved earlier are not affected.</source>
        <translation>磁盘已满，本次操作未保存。请清理磁盘空间后重试；之前已保存的记录不受影响。</translation>
    </message>
    <message>
        <location filename="../ui/operations.py" line="90"/>
        <source>The database is busy. Wait a moment and try again.</source>
        <translation>数据库正忙，请稍候再试。</translation>
    </message>
    <message>
        <location filename="../ui/operations.py" line="92"/>
        <source>No permission to write to the data folder. Ask IT to check the folder&apos;s permissions.</source>
        <translation>没有写入数据文件夹的权限，请联系技术人员检查文件夹权限。</translation>
    </message>
    <message>
        <location filename="../ui/operations.py" line="93"/>
        <source>The operation could not be completed. Nothing was changed. If it happens again, show the details to IT.</source>
        <translation>操作未能完成，没有做任何更改。如再次出现，请把详细信息提供给技术人员。</translation>
    </message>
</context>
<context>
    <name>FieldScreen</name>
    <message>
        <location filename="../ui/screens/field.py" line="71"/>
        <location filename="../ui/screens/field.py" line="238"/>
        <source>1. Pick the visits</source>
        <translation>1. 选择走访对象</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="74"/>
        <source>List</source>
        <translation>列出</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="76"/>
        <source>Pick</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="76"/>
        <source>Booked for</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="76"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="76"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="76"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="77"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="77"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="77"/>
        <source>Why</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="83"/>
        <source>Booked home visits of the days, then the residents flagged as needing home service. Tick the ones you are going to.</source>
        <translation>先列出所选日期内预约的上门服务，再列出标记为“需上门服务”的群众。勾选这次要去的对象。</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="87"/>
        <source>Take in for the selected resident</source>
        <translation>为所选群众受理</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="89"/>
        <source>No longer needs home service</source>
        <translation>取消“需上门服务”标记</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="91"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="91"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="106"/>
        <source>2. Check this PC holds their records</source>
        <translation>2. 检查本机资料是否齐全</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="107"/>
        <source>Sync and check</source>
        <translation>同步并检查</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="116"/>
        <location filename="../ui/screens/field.py" line="237"/>
        <source>3. Set out</source>
        <translation>3. 出发</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="118"/>
        <source>Home visit (上门)</source>
        <translation>上门</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="119"/>
        <source>Mobile service (巡回)</source>
        <translation>巡回</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="121"/>
        <source>Empty: the village groups of the visits</source>
        <translation>不填则取走访对象所在的村民小组</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="126"/>
        <source>Empty: e.g. 上门服务 3 户</source>
        <translation>不填则自动写明，如“上门服务 3 户”</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="127"/>
        <source>Set out: enter field mode</source>
        <translation>出发：进入外出服务</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="129"/>
        <source>Back at the center: leave field mode</source>
        <translation>已回中心：结束外出服务</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="133"/>
        <source>Service</source>
        <translation>服务方式</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="134"/>
        <source>Where</source>
        <translation>去向</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="135"/>
        <source>Back by</source>
        <translation>预计返回</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="136"/>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="210"/>
        <source>Booked home visit</source>
        <translation>预约上门</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="210"/>
        <source>Needs home service</source>
        <translation>需上门服务</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="226"/>
        <source>3. Away</source>
        <translation>3. 外出中</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="227"/>
        <source>Visits of this trip: double-click to take in</source>
        <translation>本次走访对象：双击即可受理</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="228"/>
        <source>Out on field service: %1 · %2 · since %3, back by %4. Cases taken in on this PC are marked %1 with their place.</source>
        <translation>外出服务中：%1 · %2 · %3 出发，预计 %4 返回。本机受理的办件自动标记为%1并记录地点。</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="239"/>
        <source>At the center. Pick the visits, check this PC holds their records, then set out: your whereabouts note will say 下村/上门 until you come back.</source>
        <translation>在中心。请选择走访对象，检查本机资料，然后出发：返回前，您的去向留言将显示为“下村/上门”。</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="260"/>
        <source>Syncing with the county…</source>
        <translation>正在与县级服务器同步……</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="266"/>
        <source>sync not available</source>
        <translation>无法同步</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="299"/>
        <source>Synced with the county just now: this PC holds the center&apos;s latest records.</source>
        <translation>刚刚已与县级服务器同步：本机资料为本中心最新记录。</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="303"/>
        <source>%1 record(s) of this PC wait to go to the county.</source>
        <translation>本机有 %1 条记录待上传县级。</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="305"/>
        <source>No visit picked yet.</source>
        <translation>尚未选择走访对象。</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="307"/>
        <source>%1: record held, %2 open case(s)</source>
        <translation>%1：本机有登记资料，在办件 %2 件</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="310"/>
        <source>; earlier: %1</source>
        <translation>；办过：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="356"/>
        <source>Welcome back: your whereabouts note is cleared. Cases taken in on the trip: %1.</source>
        <translation>欢迎回来：去向留言已清除。本次外出受理办件 %1 件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="361"/>
        <source>%1 record(s) wait for the county: they go up with the next sync, started now.</source>
        <translation>%1 条记录待上传县级：现在开始同步。</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="363"/>
        <source>Field service ended</source>
        <translation>外出服务已结束</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="377"/>
        <source>Select a resident in the list first.</source>
        <translation>请先在列表中选择一位群众。</translation>
    </message>
    <message>
        <location filename="../ui/screens/field.py" line="396"/>
        <source>Select a resident flagged as needing home service first.</source>
        <translation>请先选择一位标记为“需上门服务”的群众。</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../ui/labels.py" line="94"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="95"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="96"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="97"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="98"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="99"/>
        <location filename="../ui/labels.py" line="125"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="100"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="101"/>
        <source>Village group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="102"/>
        <source>Household situation</source>
        <translation>家庭情况</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="103"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="104"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="105"/>
        <source>Item code</source>
        <translation>事项编码</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="106"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="107"/>
        <source>Intake outcome</source>
        <translation>受理结果</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="108"/>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="109"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="110"/>
        <source>Accepted on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="111"/>
        <source>Promised by</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="112"/>
        <source>Statutory deadline</source>
        <translation>法定办结日期</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="113"/>
        <source>Forwarded to</source>
        <translation>转报至</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="114"/>
        <source>Expected back</source>
        <translation>预计返回</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="115"/>
        <source>Completed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="116"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="117"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="118"/>
        <source>Materials to follow</source>
        <translation>容缺后补材料</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="119"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="120"/>
        <source>Status before</source>
        <translation>操作前状态</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="121"/>
        <source>Status after</source>
        <translation>操作后状态</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="122"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="123"/>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="124"/>
        <source>Asked by</source>
        <translation>咨询人</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="126"/>
        <source>Question</source>
        <translation>咨询事项</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="127"/>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="128"/>
        <source>Referred to</source>
        <translation>转办至</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="129"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="130"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="131"/>
        <source>Follow up by</source>
        <translation>回访期限</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="132"/>
        <source>Missing materials</source>
        <translation>缺少材料</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="133"/>
        <source>Asked at</source>
        <translation>咨询时间</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="134"/>
        <source>Closed at</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="135"/>
        <source>Closing note</source>
        <translation>办结说明</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="136"/>
        <source>Document number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="137"/>
        <source>Printed at</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="138"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="139"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="140"/>
        <source>Reprint</source>
        <translation>补打次数</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="138"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../ui/sync_attention.py" line="138"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../ui/screens/proxy.py" line="262"/>
        <source>Follow up: %1</source>
        <translation>跟进：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="271"/>
        <source>Outcome</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="272"/>
        <source>Next follow-up (if not decided)</source>
        <translation>下次跟进日期（尚未办结时）</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="273"/>
        <source>Application number</source>
        <translation>申办流水号</translation>
    </message>
</context>
<context>
    <name>HandBackDialog</name>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="167"/>
        <source>Welcome back, %1: hand-back</source>
        <translation>%1，欢迎回来：工作交接</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="172"/>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="176"/>
        <source>Take back the %1 new case(s)</source>
        <translation>收回这 %1 件新办件</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="197"/>
        <source>%1 case(s) taken back</source>
        <translation>已收回 %1 件</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="206"/>
        <source>While you were away</source>
        <translation>您离岗期间</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="206"/>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="217"/>
        <source>Done for you by your backup</source>
        <translation>代岗人代您办理的</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="220"/>
        <source>taken in by %1, handled by %2</source>
        <translation>%1 受理，交 %2 办理</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="221"/>
        <source>New cases of your items, taken in while you were away</source>
        <translation>您离岗期间受理的您所负责事项的新办件</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="226"/>
        <source>Other work done for you</source>
        <translation>代您办理的其他工作</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="227"/>
        <source>due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="228"/>
        <source>Still open with you</source>
        <translation>仍由您办理、尚未办结的</translation>
    </message>
</context>
<context>
    <name>HeldWorkPanel</name>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="66"/>
        <source>Work</source>
        <extracomment>Other desks&apos; notes arrive by sync; the board looks again this often as well.</extracomment>
        <translation>工作</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="66"/>
        <source>Item / topic</source>
        <translation>事项 / 内容</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="66"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="66"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="70"/>
        <source>Double-click a case to open it. What you do on it is recorded as done for the absent colleague, and they see it in the hand-back summary when they return.</source>
        <translation>双击办件可打开。您在其上的操作均记为代同事办理，同事返回后会在交接清单中看到。</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="101"/>
        <source>You are not holding work for an absent colleague.</source>
        <translation>目前没有需要您代岗办理的工作。</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="103"/>
        <source>You are acting for %1 absent colleague(s): their work is below.</source>
        <translation>您正在为 %1 位不在岗的同事代岗，其工作如下。</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="108"/>
        <source>Acting for %1</source>
        <translation>代 %1 办理</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="109"/>
        <source>back %1</source>
        <translation>%1 返回</translation>
    </message>
</context>
<context>
    <name>IdReaderBox</name>
    <message>
        <location filename="../ui/id_reader.py" line="136"/>
        <source>ID card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="148"/>
        <source>Keyboard (the reader types the number)</source>
        <translation>键盘输入（读卡器直接输入证件号码）</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="149"/>
        <source>Local reader service on this PC</source>
        <translation>本机读卡服务</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="155"/>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="157"/>
        <source>Keep the photo on the card (off: the photo is never stored)</source>
        <translation>保存证件照片（不勾选时从不保存照片）</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="158"/>
        <location filename="../ui/id_reader.py" line="191"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="159"/>
        <source>Test reading</source>
        <translation>测试读卡</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="167"/>
        <source>How the reader connects</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="168"/>
        <source>Service address</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="169"/>
        <source>Ask every</source>
        <translation>读卡间隔</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="191"/>
        <source>Save (center head only)</source>
        <translation>保存（仅限中心主任）</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="225"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="253"/>
        <source>Read: %1</source>
        <translation>已读到：%1</translation>
    </message>
    <message>
        <location filename="../ui/id_reader.py" line="255"/>
        <source>The service answers; no card is on the reader.</source>
        <translation>读卡服务正常；读卡器上没有证件。</translation>
    </message>
</context>
<context>
    <name>InquiryScreen</name>
    <message>
        <location filename="../ui/screens/inquiry.py" line="56"/>
        <source>Register an inquiry</source>
        <translation>登记咨询</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="58"/>
        <source>Who is asking</source>
        <translation>来访人姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="60"/>
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="62"/>
        <source>A catalog item (type to choose) or the question in a few words</source>
        <translation>目录中的事项（输入后选择）或简要填写所问问题</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="67"/>
        <source>The answer given</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="74"/>
        <source>Make it a case now</source>
        <translation>当即转为办件</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="82"/>
        <source>Post, department or person</source>
        <translation>岗位、部门或人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="87"/>
        <source>Register (Ctrl+Enter)</source>
        <translation>登记 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="91"/>
        <location filename="../ui/screens/inquiry.py" line="114"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="93"/>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="94"/>
        <source>Topic *</source>
        <translation>咨询事项 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="95"/>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="96"/>
        <location filename="../ui/screens/inquiry.py" line="114"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="98"/>
        <source>Referred to *</source>
        <translation>转办至 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="98"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="99"/>
        <source>Their phone *</source>
        <translation>联系电话 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="103"/>
        <location filename="../ui/screens/inquiry.py" line="190"/>
        <source>Answer due by *</source>
        <translation>答复期限 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="109"/>
        <source>My open inquiries</source>
        <translation>我的未办结首问</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="110"/>
        <source>All open inquiries</source>
        <translation>全部未办结首问</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="111"/>
        <source>All recent inquiries</source>
        <translation>最近全部首问</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="114"/>
        <source>Asked</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="114"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="114"/>
        <source>Topic</source>
        <translation>咨询事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="115"/>
        <source>Referred to / due</source>
        <translation>转办至 / 期限</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="115"/>
        <source>First worker</source>
        <translation>首问人</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="115"/>
        <source>Closed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="115"/>
        <source>County</source>
        <translation>县级同步</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="126"/>
        <source>No inquiries in this list. When a resident asks about something, record it in the form above.</source>
        <translation>此列表中没有首问登记。群众前来咨询时，请在上方表单中登记。</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="127"/>
        <source>Report the result and close…</source>
        <translation>反馈结果并办结…</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="128"/>
        <source>Make it a case</source>
        <translation>转为办件</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="129"/>
        <source>Print referral slip</source>
        <translation>打印转办单</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="136"/>
        <source>The first worker asked owns the inquiry until it is closed. Referred inquiries and follow-ups stay open until you report the result; follow-ups with a date also show on the Deadlines board.</source>
        <translation>首问责任人负责到底，直到办结。转办和待跟进的首问在反馈结果之前保持未办结；有期限的待跟进事项也显示在时限预警中。</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="190"/>
        <source>Check back by</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="265"/>
        <source>due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="268"/>
        <source>open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="296"/>
        <source>Only the first worker (%1) or the center head can close it.</source>
        <translation>只有首问人（%1）或中心主任可以办结。</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="305"/>
        <source>Close the inquiry</source>
        <translation>办结首问登记</translation>
    </message>
    <message>
        <location filename="../ui/screens/inquiry.py" line="306"/>
        <source>The result reported back to %1:</source>
        <translation>向 %1 反馈的办理结果：</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../ui/screens/intake.py" line="193"/>
        <source>Keys: Enter = next · Esc = back · ↑/↓ = choose in the list · F2 = next resident</source>
        <extracomment>(id_number, done) -&gt; bool: asks the county while this PC&apos;s history is still arriving (SyncController.ask_county); False when there is no one to ask.</extracomment>
        <translation>按键：回车＝下一步 · Esc＝返回上一步 · ↑/↓＝在列表中选择 · F2＝下一位群众</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="254"/>
        <source>Swipe the ID card, or type a name, pinyin initials, phone or its last 4 digits, or a case number; then Enter</source>
        <translation>刷身份证，或输入姓名、拼音首字母、手机号或尾号后 4 位、办件编号，然后按回车</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="261"/>
        <source>Register a new resident (Ctrl+N)</source>
        <translation>新登记群众 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="266"/>
        <source>Resident&apos;s page</source>
        <translation>群众档案</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="267"/>
        <source>Identity, contact, notes and every case of the chosen resident</source>
        <translation>查看所选群众的身份、联系方式、备注和全部办件</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="271"/>
        <source>&lt;b&gt;1. Who is applying?&lt;/b&gt;</source>
        <translation>&lt;b&gt;1. 谁来办事？&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="290"/>
        <source>Register a new resident</source>
        <translation>新登记群众</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="301"/>
        <source>e.g. 3rd group / grid 2</source>
        <translation>如：三组 / 第二网格</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="303"/>
        <source>Register and continue (Enter)</source>
        <translation>登记并继续 (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="305"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="306"/>
        <source>Document number *</source>
        <translation>证件号码 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="307"/>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="308"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="309"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="310"/>
        <source>Village group</source>
        <translation>村民小组 / 网格</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="372"/>
        <source>%1 open cases</source>
        <translation>%1 件在办</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="377"/>
        <source>Case %1 · %2 · %3 · %4</source>
        <translation>办件 %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="386"/>
        <source>Nobody found. Check the spelling, or register the resident (Ctrl+N).</source>
        <translation>没有找到。请检查输入，或新登记该群众 (Ctrl+N)。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="388"/>
        <source>%1 found. ↑/↓ to choose, Enter to continue.</source>
        <translation>找到 %1 条。用 ↑/↓ 选择，回车继续。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="390"/>
        <source>Only the first ones are shown; type more to narrow.</source>
        <translation>只显示前面几条；多输入几个字可缩小范围。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="423"/>
        <source>The county could not be asked whether this person is registered; register them only if sure.</source>
        <translation>未能向县级确认此人是否已登记；确认未登记后再新登记。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="436"/>
        <source>Not on this PC yet (its history is still arriving): asking the county…</source>
        <translation>本机尚无此人（历史记录仍在同步中），正在向县级查询…</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="487"/>
        <source>This document number is already registered: %1&apos;s record is opened.</source>
        <translation>该证件号码已登记，已打开 %1 的记录。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="532"/>
        <source>Type part of the item&apos;s name, its pinyin initials or its code</source>
        <translation>输入事项名称的一部分、拼音首字母或事项编码</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="538"/>
        <source>&lt;b&gt;2. Which service item?&lt;/b&gt; Their earlier items and the center&apos;s frequent items come first.</source>
        <translation>&lt;b&gt;2. 办理什么事项？&lt;/b&gt;本人办过的事项和本中心常办事项排在前面。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="563"/>
        <source>No service catalog has been imported. The center head imports it on the Catalog screen.</source>
        <translation>尚未导入事项目录。请中心主任在“事项目录”页面导入。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="574"/>
        <source>Matching items</source>
        <translation>匹配的事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="588"/>
        <source>This resident&apos;s earlier items (most likely first)</source>
        <translation>本人办过的事项（最可能办的在前）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="589"/>
        <source>Frequent items</source>
        <translation>常办事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="590"/>
        <source>Done or in progress for this resident (not due now)</source>
        <translation>本人已办过或正在办理（暂不需要再办）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="591"/>
        <source>All items</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="604"/>
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="622"/>
        <source>a case of it is still open (last %1): see 办件</source>
        <translation>该事项尚未办结（上次 %1），请到「办件」查看</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="624"/>
        <source>due again (every %1 months; last %2)</source>
        <translation>已到期，又该办了（每 %1 个月一次；上次 %2）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="627"/>
        <source>done %1; next due %2</source>
        <translation>已于 %1 办理；下次 %2 到期</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="628"/>
        <source>%1 time(s), last %2</source>
        <translation>办过 %1 次，最近 %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="645"/>
        <source>Materials: %1 · statutory limit %2 working days, committed %3 · fee: %4</source>
        <translation>材料：%1 · 法定时限 %2 个工作日，承诺 %3 个工作日 · 收费：%4</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="672"/>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="672"/>
        <source>Required</source>
        <translation>要求</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="672"/>
        <source>Count</source>
        <translation>实交份数</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="672"/>
        <source>Received as</source>
        <translation>收到形式</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="672"/>
        <source>Have it</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="673"/>
        <location filename="../ui/screens/intake.py" line="814"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="686"/>
        <source>Next: outcome (Enter)</source>
        <translation>下一步：受理结果 (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="689"/>
        <source>&lt;b&gt;3. Materials.&lt;/b&gt; All are ticked as received; press Space to untick one that is missing. ←/→ move to the count, form or note; type to change it.</source>
        <translation>&lt;b&gt;3. 核对材料。&lt;/b&gt;默认全部已收；缺哪份就选中后按空格取消勾选。用 ←/→ 移到份数、形式或备注，直接输入即可修改。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="709"/>
        <source> (not key)</source>
        <translation>（非关键，可容缺）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="761"/>
        <source>All materials received.</source>
        <translation>材料已收齐。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="763"/>
        <source>Missing: %1</source>
        <translation>尚缺：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="778"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="780"/>
        <source>Why it cannot be accepted (printed on the notice)</source>
        <translation>不予受理的理由（打印在告知书上）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="783"/>
        <source>Ask for them by</source>
        <translation>要求补正期限</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="786"/>
        <source>e.g. town civil affairs office</source>
        <translation>如：镇民政办</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="787"/>
        <source>Expected back by</source>
        <translation>预计返回日期</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="790"/>
        <source>Optional note</source>
        <translation>备注（可不填）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="793"/>
        <source>At the center</source>
        <translation>在中心受理</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="794"/>
        <source>Home visit (上门)</source>
        <translation>上门</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="795"/>
        <source>Mobile service (巡回)</source>
        <translation>巡回</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="797"/>
        <source>Village group and address, e.g. 三组 和平村三组12号</source>
        <translation>村民小组和住址，如“三组 和平村三组12号”</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="807"/>
        <source>Reasons *</source>
        <translation>理由 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="808"/>
        <source>Materials promised by *</source>
        <translation>承诺补交日期 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="811"/>
        <source>Forward to *</source>
        <translation>转报至 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="821"/>
        <source>Taken in</source>
        <translation>受理地点</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="816"/>
        <source>Place *</source>
        <translation>地点 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="825"/>
        <source>Only when a village proxy carries it: the proxy&apos;s name</source>
        <translation>仅代办时填写：代办员姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="826"/>
        <source>Proxy (代办员)</source>
        <translation>代办员</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="828"/>
        <source>Confirm (Ctrl+Enter)</source>
        <translation>确认办理 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="831"/>
        <source>&lt;b&gt;4. Outcome.&lt;/b&gt; The suggested one is selected; Enter confirms it.</source>
        <translation>&lt;b&gt;4. 受理结果。&lt;/b&gt;已选中建议的结果，按回车确认。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="893"/>
        <source>Another date than the item&apos;s %1 working days (%2)</source>
        <translation>另定日期（该事项补正期限为 %1 个工作日，即 %2）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="947"/>
        <source>Completed now; a completion slip is printed.</source>
        <translation>当场办结，打印办结通知。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="948"/>
        <source>Accepted; the committed date is counted in working days and printed on the receipt.</source>
        <translation>受理；按工作日计算承诺办结日期并打印在受理回执上。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="949"/>
        <source>Accepted now; the resident promises the missing materials by the date below.</source>
        <translation>先行受理；申请人承诺在下列日期前补交所缺材料。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="950"/>
        <source>Nothing is accepted and no clock starts; the notice lists exactly what is missing.</source>
        <translation>暂不受理，不开始计时；补正通知书列明所缺材料。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="952"/>
        <source>The notice gives the reasons and how to appeal.</source>
        <translation>不予受理通知书写明理由和救济途径。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="953"/>
        <source>Taken to the town or county department on the resident&apos;s behalf.</source>
        <translation>由工作人员代为报送镇、县部门办理。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="954"/>
        <source>No case: the resident gets the one-time notification slip, recorded as an inquiry.</source>
        <translation>不立办件：向群众出具一次性告知书，记入首问登记。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1065"/>
        <location filename="../ui/screens/intake.py" line="1126"/>
        <source>Print (Enter)</source>
        <translation>打印 (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1068"/>
        <source>Open the case</source>
        <translation>查看办件</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1069"/>
        <location filename="../ui/screens/intake.py" line="1129"/>
        <source>Next resident (F2)</source>
        <translation>下一位 (F2)</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1094"/>
        <source>✓ Printed: %1</source>
        <translation>✓ 已打印：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1095"/>
        <source>Print again (reprint)</source>
        <translation>再次打印（补打）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1098"/>
        <source>Next resident (Enter / F2)</source>
        <translation>下一位（回车 / F2）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1109"/>
        <source>Recorded: %1</source>
        <translation>已登记：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1111"/>
        <source>%1 — case %2</source>
        <translation>%1 — 办件编号 %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1112"/>
        <source>Applicant: %1 · Item: %2</source>
        <translation>申请人：%1 · 事项：%2</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1114"/>
        <source>Committed completion date: %1 (statutory limit: %2)</source>
        <translation>承诺办结日期：%1（法定办结日期：%2）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1118"/>
        <source>%1 is away: this case goes to %2, who acts for them (A/B backup).</source>
        <translation>%1 不在岗：此件由代岗的 %2 办理（AB角）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1119"/>
        <source>The item&apos;s responsible worker</source>
        <translation>该事项的负责人（A角）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1123"/>
        <source>To print: %1</source>
        <translation>需打印：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1148"/>
        <source>1 Resident</source>
        <translation>1 群众</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1148"/>
        <source>2 Item</source>
        <translation>2 事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1148"/>
        <source>3 Materials</source>
        <translation>3 材料</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1148"/>
        <source>4 Outcome</source>
        <translation>4 结果</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1149"/>
        <source>5 Print</source>
        <translation>5 打印</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1154"/>
        <source>Applicant: %1 (%2)</source>
        <translation>申请人：%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1157"/>
        <source>Item: %1</source>
        <translation>事项：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1159"/>
        <source>From inquiry: %1</source>
        <translation>来自首问登记：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/intake.py" line="1161"/>
        <source>Appointment: %1</source>
        <translation>预约：%1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../ui/labels.py" line="23"/>
        <source>Window staff</source>
        <translation>窗口人员</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="23"/>
        <source>Center head</source>
        <translation>中心主任</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="28"/>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="29"/>
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="30"/>
        <source>Original and copy</source>
        <translation>原件及复印件</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="31"/>
        <source>Electronic</source>
        <translation>电子证照</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="46"/>
        <source>Acceptance receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="47"/>
        <source>One-time notification slip</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="48"/>
        <source>Notice to supply materials</source>
        <translation>补正材料通知书</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="49"/>
        <source>Notice of acceptance with materials to follow</source>
        <translation>容缺受理通知书</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="50"/>
        <source>Notice of non-acceptance</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="51"/>
        <source>Extension notice</source>
        <translation>延期办结告知书</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="52"/>
        <source>Completion notice / pickup slip</source>
        <translation>办结通知 / 取件单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="53"/>
        <source>Referral slip</source>
        <translation>首问转办单</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="54"/>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="60"/>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="61"/>
        <source>Referred</source>
        <translation>已转办</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="62"/>
        <source>To become a case</source>
        <translation>待转办件</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="63"/>
        <source>Became a case</source>
        <translation>已转为办件</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="64"/>
        <source>Needs follow-up</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="74"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="75"/>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="76"/>
        <source>On time</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="77"/>
        <source>Paused</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="85"/>
        <source>synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="86"/>
        <source>waiting</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../ui/labels.py" line="87"/>
        <source>not accepted</source>
        <translation>县级未接受</translation>
    </message>
</context>
<context>
    <name>LedgerScreen</name>
    <message>
        <location filename="../ui/screens/ledger.py" line="127"/>
        <source>One day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="128"/>
        <source>One month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="129"/>
        <source>From … to …</source>
        <translation>自定义起止</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="136"/>
        <source>Whole center</source>
        <translation>全中心合计</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="136"/>
        <source>By item</source>
        <translation>按事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="137"/>
        <source>By department</source>
        <translation>按部门</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="137"/>
        <source>By worker</source>
        <translation>按工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="138"/>
        <source>By month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="141"/>
        <source>Count</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="142"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="143"/>
        <source>Period</source>
        <translation>统计期</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="144"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="150"/>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="151"/>
        <source>Only the ledger shown</source>
        <translation>仅导出当前台账</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="152"/>
        <source>Export the ledger of the open tab with the formulas, without the other ledgers and the statistics</source>
        <translation>只导出当前标签页的台账和计算公式表，不含其他台账和统计表</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="154"/>
        <source>Full ID numbers and phones in the export (recorded in the audit log)</source>
        <translation>导出完整证件号码和电话（记入审计日志）</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="155"/>
        <source>Print the case ledger…</source>
        <translation>打印办件台账…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="156"/>
        <source>Print the inquiry ledger…</source>
        <translation>打印首问登记台账…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="157"/>
        <source>Print a ledger…</source>
        <translation>打印台账…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="163"/>
        <source>Print the month&apos;s report…</source>
        <translation>打印月度统计报表…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="164"/>
        <source>Figures with their formulas, the three charts and the signature lines 制表人 / 审核人</source>
        <translation>各项指标及其计算公式、三张统计图和制表人、审核人签字栏</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="198"/>
        <source>How each figure is counted</source>
        <translation>各项指标的计算公式</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="211"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="217"/>
        <source>Charts</source>
        <translation>统计图</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="282"/>
        <source>Only the center head may export full ID numbers and phones.</source>
        <translation>只有中心主任可以导出完整的证件号码和电话。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="298"/>
        <location filename="../ui/screens/ledger.py" line="406"/>
        <location filename="../ui/screens/ledger.py" line="422"/>
        <source>The last day comes before the first: choose the period again.</source>
        <translation>结束日期早于开始日期：请重新选择统计期。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="303"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="375"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="395"/>
        <source>{start} to {end}. A dash (—) means there was nothing to count. Hover over a figure to see how it is counted.</source>
        <translation>{start} 至 {end}。“—”表示没有可计算的数据。鼠标停在指标上可看到它的计算公式。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="425"/>
        <source>Export the ledgers to Excel</source>
        <translation>导出台账统计到 Excel</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="426"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="441"/>
        <source>Writing the workbook…</source>
        <translation>正在生成 Excel 文件…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ledger.py" line="454"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../ui/login.py" line="40"/>
        <source>OneWindow — log in</source>
        <translation>一窗通 — 登录</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="47"/>
        <source>The screen was locked after a period without use. Log in to continue.</source>
        <translation>长时间未操作，屏幕已锁定。请重新登录后继续。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="45"/>
        <source>Log in with your staff account.</source>
        <translation>请使用工作人员账号登录。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="49"/>
        <source>The screen is locked. Log in to continue.</source>
        <translation>屏幕已锁定，请登录后继续。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="61"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="62"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="69"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="70"/>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="76"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="90"/>
        <source>Please log in to use OneWindow.</source>
        <translation>请先登录再使用一窗通。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="105"/>
        <source>Enter your login name.</source>
        <translation>请输入登录名。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="108"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="139"/>
        <source>%1, your password was set by the center head. Choose your own password to continue (at least 8 characters, letters and digits).</source>
        <translation>%1，您的密码是中心主任设置的。请先设置您自己的密码再继续（至少 8 位，须含字母和数字）。</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="143"/>
        <source>Save and continue</source>
        <translation>保存并继续</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="152"/>
        <source>The two new passwords are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="167"/>
        <location filename="../ui/main_window.py" line="999"/>
        <source>OneWindow</source>
        <extracomment>After the window shows its data, the lookup&apos;s indexes are read in the background.</extracomment>
        <translation>一窗通</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="184"/>
        <location filename="../ui/main_window.py" line="361"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="191"/>
        <source>Search: name, initials, ID number, phone or last 4 digits, case number, item — Enter  (Ctrl+F)</source>
        <translation>查找：姓名、拼音首字母、身份证号、手机号或后4位、办件编号、事项，按回车  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="213"/>
        <source>Not set up</source>
        <translation>尚未设置</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="215"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="216"/>
        <source>Lock the screen when you leave the desk; log in again to continue (%1)</source>
        <translation>离开窗口时锁定屏幕，重新登录后继续 (%1)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="220"/>
        <source>Shortcuts (%1)</source>
        <translation>快捷键 (%1)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="228"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="254"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="272"/>
        <source>Intake (F2)</source>
        <translation>接待受理 (F2)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="272"/>
        <source>First inquiry (F4)</source>
        <translation>首问登记 (F4)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="273"/>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="273"/>
        <source>Deadlines</source>
        <translation>时限预警</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="272"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="272"/>
        <source>Complaints</source>
        <translation>投诉举报</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="274"/>
        <source>Printing</source>
        <translation>打印中心</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="274"/>
        <source>Ledgers</source>
        <translation>台账统计</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="274"/>
        <source>Catalog</source>
        <translation>事项目录</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="274"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="275"/>
        <source>Whereabouts · A/B</source>
        <translation>去向与AB角</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="276"/>
        <source>Ratings</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="277"/>
        <source>Field service</source>
        <translation>外出服务</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="278"/>
        <source>Proxy · online</source>
        <translation>代办与网办</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="293"/>
        <source>Sending the records waiting for the county (at most 10 seconds)…</source>
        <translation>正在把待同步的记录上传到县级（最多 10 秒）…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="317"/>
        <source>Building the demo center (first start only): sample data</source>
        <translation>正在生成演示中心（仅首次启动）：示例数据</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="321"/>
        <source>Loading the screens</source>
        <translation>正在载入界面</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="323"/>
        <source>Opening the database</source>
        <translation>正在打开数据库</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="328"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="332"/>
        <source>Welcome. Complete the first-time setup to start using OneWindow.</source>
        <translation>欢迎使用一窗通。请先完成初始设置。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="341"/>
        <source>The database could not be opened. Nothing has been changed.</source>
        <translation>无法打开数据库，没有做任何更改。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="342"/>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="356"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="375"/>
        <source>OneWindow cannot be used before the first-time setup is complete. Press F5 or restart OneWindow to open the setup again.</source>
        <translation>完成初始设置之前无法使用一窗通。按 F5 或重新启动一窗通即可再次打开设置向导。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="412"/>
        <source>Demo center: every demo account&apos;s password is %1</source>
        <translation>演示中心：所有演示账号的密码均为 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="418"/>
        <source>Log in to continue.</source>
        <translation>请登录后继续。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="444"/>
        <source>Staff: %1 (%2)</source>
        <translation>当前人员：%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="522"/>
        <source>The database does not hold %1 case(s) this computer issued: %2.</source>
        <translation>本机已发出的 %1 件办件在数据库中找不到：%2。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="524"/>
        <source>The next sync asks the county for them; the ones that were synced come back by themselves. </source>
        <translation>下次同步时会向县级取回，已同步过的办件会自动恢复。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="525"/>
        <source>This computer is not enrolled with the county, so they cannot be brought back from there. </source>
        <translation>本机没有在县级注册，无法从县级取回。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="527"/>
        <source>Enter the others again from their paper receipts and tell the center head. They are listed under Needs attention until they are back.</source>
        <translation>其余的请按纸质回执补录，并告知中心主任。在找回之前，它们会一直列在“需要处理”中。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="529"/>
        <source>Cases are missing</source>
        <translation>办件缺失</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="633"/>
        <source>%1 · window %2 · computer %3</source>
        <translation>%1 · %2 号窗口 · 本机编号 %3</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="636"/>
        <source>[DEMO] </source>
        <translation>【演示】</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="717"/>
        <source>%1 things need action today</source>
        <translation>今日待办 %1 项</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="876"/>
        <source>Not enrolled with a county server: working offline</source>
        <translation>未注册县级服务器：离线使用</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="877"/>
        <source>Offline: the county server cannot be reached</source>
        <translation>离线：连不上县级服务器</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="878"/>
        <source>Syncing with the county…</source>
        <translation>正在与县级同步…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="879"/>
        <source>Sync stopped: this PC was disabled by the county</source>
        <translation>同步已停止：本机已被县级停用</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="880"/>
        <source>Sync error</source>
        <translation>同步出错</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="881"/>
        <source>Connected to the county</source>
        <translation>已连接县级</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="882"/>
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="640"/>
        <source>OneWindow — %1</source>
        <translation>一窗通 — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="883"/>
        <source>last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="884"/>
        <source>%1 records waiting to sync</source>
        <translation>%1 条记录待同步</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="886"/>
        <source>check the PC clock</source>
        <translation>请校准电脑时间</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="891"/>
        <source>Needs attention (%1)</source>
        <translation>需要处理（%1）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="895"/>
        <source>History still arriving: %1 of about %2 records</source>
        <translation>历史记录正在同步：已到 %1 / 约 %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="898"/>
        <source>This PC was set up recently: open cases and recent residents are here, older records are still coming from the county. You can work meanwhile; a lookup by ID number that finds nobody asks the county first.</source>
        <translation>本机为新装或更换的电脑：在办事项和近一年来办事的群众已同步到本机，更早的记录仍在从县级传来。期间可照常办理；按证件号查不到人时，会先向县级查询。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="907"/>
        <source>Only the center head can change these settings: please tell the head.</source>
        <translation>只有中心主任可以修改这些设置，请告知中心主任。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="949"/>
        <source>Overdue: %1, due soon: %2</source>
        <translation>已超期 %1 件，即将到期 %2 件</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="992"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="993"/>
        <source>Locked. Log in to continue.</source>
        <translation>已锁定，请登录后继续。</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../ui/resident_page.py" line="453"/>
        <source>Merge a duplicate record of %1</source>
        <translation>合并%1的重复登记</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="456"/>
        <source>This record: &lt;b&gt;%1&lt;/b&gt;&#x3000;%2</source>
        <translation>本条登记：&lt;b&gt;%1&lt;/b&gt;&#x3000;%2</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="459"/>
        <source>Find the other record: name, ID number, phone; then Enter</source>
        <translation>查找另一条登记：输入姓名、证件号码或电话后按回车</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="465"/>
        <source>Keep this record; the other one is merged into it</source>
        <translation>保留本条登记，另一条并入本条</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="466"/>
        <source>Keep the other record; this one is merged into it</source>
        <translation>保留另一条登记，本条并入另一条</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="475"/>
        <source>Reason (required), e.g. the same person registered twice</source>
        <translation>合并原因（必填），如同一人重复登记</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="478"/>
        <source>As center head, the merge is carried out at once.</source>
        <translation>您是中心主任，确定后立即合并。</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="479"/>
        <source>The center head confirms the merge before anything moves.</source>
        <translation>提交后须由中心主任确认，确认前不会移动任何办件。</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="483"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="483"/>
        <source>Ask the head</source>
        <translation>提交主任确认</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="509"/>
        <source>No other record found.</source>
        <translation>没有找到其他登记记录。</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="517"/>
        <source>Find and choose the other record first.</source>
        <translation>请先查找并选中另一条登记记录。</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../ui/screens/ratings.py" line="107"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="111"/>
        <source>Outcome</source>
        <translation>整改方式</translation>
    </message>
</context>
<context>
    <name>OnlineTab</name>
    <message>
        <location filename="../ui/screens/proxy.py" line="296"/>
        <source>Name of the resident helped</source>
        <translation>被帮办群众的姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="302"/>
        <source>Item (the catalog&apos;s online items are listed)</source>
        <translation>办理事项（列出目录中可网办的事项）</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="304"/>
        <source>The number the platform gave (申办流水号)</source>
        <translation>平台给出的申办流水号</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="308"/>
        <location filename="../ui/screens/proxy.py" line="331"/>
        <source>Follow up on</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="316"/>
        <source>Optional note — never a password or an SMS code</source>
        <translation>备注（选填）——切勿填写密码或短信验证码</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="317"/>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="320"/>
        <source>Resident *</source>
        <translation>群众 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="321"/>
        <source>Platform *</source>
        <translation>办理平台 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="322"/>
        <source>Item *</source>
        <translation>事项 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="323"/>
        <location filename="../ui/screens/proxy.py" line="331"/>
        <source>Application number</source>
        <translation>申办流水号</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="324"/>
        <location filename="../ui/screens/proxy.py" line="331"/>
        <source>Outcome</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="326"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="330"/>
        <source>Helped at</source>
        <translation>帮办时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="330"/>
        <source>Resident</source>
        <translation>群众</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="330"/>
        <source>Platform</source>
        <translation>办理平台</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="330"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="331"/>
        <source>Helped by</source>
        <translation>帮办人</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="332"/>
        <source>No helped online application yet.</source>
        <translation>还没有帮办网办登记。</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="333"/>
        <source>Follow up…</source>
        <translation>跟进…</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="334"/>
        <source>Edit the platforms…</source>
        <translation>编辑平台列表…</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="360"/>
        <source>Only the center head can change the list.</source>
        <translation>只有中心主任可以修改平台列表。</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="439"/>
        <source>Choose an application in the list first.</source>
        <translation>请先在列表中选择一条网办登记。</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="462"/>
        <source>Online platforms</source>
        <translation>网办平台</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="464"/>
        <source>One platform a line: its name, then its address (the address is printed as a QR code on the online guide). The first is the portal the catalog&apos;s guides use.</source>
        <translation>每行一个平台：先写名称，再写网址（网址会以二维码打印在网上办理指引上）。第一个平台用于事项目录的网上办理指引。</translation>
    </message>
</context>
<context>
    <name>OpeningHoursBox</name>
    <message>
        <location filename="../ui/opening_hours.py" line="34"/>
        <source>Opening hours and appointments</source>
        <translation>开放时间与预约</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="40"/>
        <source>Opening hours…</source>
        <translation>开放时间…</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="50"/>
        <source>Only the center head changes them.</source>
        <translation>只有中心主任可以修改。</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="66"/>
        <source>Appointments: %1 minutes a slot unless an item has its own. These hours never change the working days that count deadlines.</source>
        <translation>预约：每个时段 %1 分钟（单独设置的事项除外）。开放时间不影响计算办理时限的法定工作日。</translation>
    </message>
</context>
<context>
    <name>OpeningHoursDialog</name>
    <message>
        <location filename="../ui/opening_hours.py" line="94"/>
        <source>Opening hours and appointments</source>
        <translation>开放时间与预约</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="97"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="97"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="97"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="97"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="98"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="98"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="98"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="104"/>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="107"/>
        <source>e.g. MZ-008=30, MZ-001=90 (item code = minutes)</source>
        <translation>如 MZ-008=30, MZ-001=90（事项编码=分钟数）</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="110"/>
        <source>Working days *</source>
        <translation>工作日 *</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="111"/>
        <source>&lt;b&gt;Extended hours&lt;/b&gt;, on working days, besides the above:</source>
        <translation>&lt;b&gt;延时、错时服务&lt;/b&gt;（工作日，在上述时间之外）：</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="113"/>
        <source>none, or e.g. 17:30-19:00 or 12:00-14:00</source>
        <translation>无，或如 17:30-19:00、12:00-14:00</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="115"/>
        <source>&lt;b&gt;Weekend duty&lt;/b&gt;, on a Saturday or Sunday that is not a holiday:</source>
        <translation>&lt;b&gt;周末值班&lt;/b&gt;（非节假日的周六、周日）：</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="117"/>
        <source>closed, or e.g. 09:00-12:00</source>
        <translation>不开放，或如 09:00-12:00</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="119"/>
        <source>Slot length</source>
        <translation>预约时段长度</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="120"/>
        <source>Per item</source>
        <translation>按事项设置</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours.py" line="121"/>
        <source>Type periods as start-end, separated by commas. Statutory holidays are always closed; a make-up working day keeps the working-day hours. Deadlines keep counting legal working days only.</source>
        <translation>时段写成“开始-结束”，多个时段用逗号分隔。法定节假日一律不开放；调休上班日按工作日时间开放。办理时限仍只按法定工作日计算。</translation>
    </message>
</context>
<context>
    <name>PhoneRatingDialog</name>
    <message>
        <location filename="../ui/screens/ratings.py" line="132"/>
        <source>Record a rating given on the phone</source>
        <translation>记录电话回访评价</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="135"/>
        <source>Only what the resident said on your call back. You cannot record a rating for a case you handled yourself.</source>
        <translation>只记录群众在回访电话中亲口给出的评价。自己经办的办件不能由自己记录评价。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="138"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="140"/>
        <source>— as the resident said —</source>
        <translation>— 按群众所说选择 —</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="143"/>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="152"/>
        <source>Reasons (a bad rating)</source>
        <translation>不满意原因（差评时）</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="155"/>
        <source>What the resident said</source>
        <translation>群众反映的情况</translation>
    </message>
</context>
<context>
    <name>PrintCenterScreen</name>
    <message>
        <location filename="../ui/screens/print_center.py" line="59"/>
        <source>Waiting to be printed (last 7 days)</source>
        <translation>待打印文书（最近 7 天）</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="60"/>
        <location filename="../ui/screens/print_center.py" line="74"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="60"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="60"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="60"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="61"/>
        <source>Issued</source>
        <translation>出具时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="63"/>
        <source>Nothing waits to be printed. The documents an intake or a case action issues appear here until they are printed.</source>
        <translation>没有待打印的文书。受理或办件操作生成的文书会列在这里，直到打印为止。</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="65"/>
        <source>Print selected</source>
        <translation>打印所选</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="67"/>
        <source>Documents that intake outcomes and case actions issued but nobody printed.</source>
        <translation>受理结果和办件操作要求出具、但尚未打印的文书。</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="73"/>
        <source>Print records</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="74"/>
        <source>Number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="74"/>
        <source>Case / asker</source>
        <translation>办件 / 来访人</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="74"/>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="75"/>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="75"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="75"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="77"/>
        <source>Nothing printed yet. Every printed document is listed here with its number, for reprinting (补打).</source>
        <translation>还没有打印记录。每份打印过的文书都会连同编号列在这里，可以补打。</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="79"/>
        <source>Reprint (补打)</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="80"/>
        <source>Open archived PDF</source>
        <translation>打开存档 PDF</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="89"/>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="93"/>
        <source>Print ledger</source>
        <translation>打印台账</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="95"/>
        <source>Case ledger</source>
        <translation>办件台账</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="96"/>
        <source>First-inquiry ledger</source>
        <translation>首问登记台账</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="99"/>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="101"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="106"/>
        <source>Printing settings</source>
        <translation>打印设置</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="109"/>
        <source>Choose a font file…</source>
        <translation>选择字体文件…</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="111"/>
        <source>e.g. https://zwfw.example.gov.cn — given by the county</source>
        <translation>如 https://zwfw.example.gov.cn —— 由县级部门提供</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="112"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="118"/>
        <source>Progress-query address (QR codes):</source>
        <translation>进度查询地址（二维码）：</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="126"/>
        <source>Add referral unit…</source>
        <translation>添加转办单位…</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="127"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="129"/>
        <source>Referral units (首问转办):</source>
        <translation>转办单位（首问转办）：</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="168"/>
        <source>Only the center head changes the printing settings.</source>
        <translation>只有中心主任可以修改打印设置。</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="209"/>
        <source> (reprint %1)</source>
        <translation>（补打第 %1 次）</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="216"/>
        <source>Font for printed documents: %1</source>
        <translation>打印字体：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="217"/>
        <source>No Chinese font for printing: %1</source>
        <translation>没有可用于打印的中文字体：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="231"/>
        <source>No address: documents print the case number and query code, without a QR code.</source>
        <translation>未设置查询地址：文书只打印办件编号和查询码，不打印二维码。</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="234"/>
        <source>Set by the county.</source>
        <translation>由县级统一设置。</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="243"/>
        <source> (this center)</source>
        <translation>（本中心）</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="255"/>
        <source>No referral units yet: the county publishes them with the catalog; add the center&apos;s own here.</source>
        <translation>暂无转办单位：县级随事项目录发布，本中心也可以在此添加。</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="309"/>
        <source>Select the documents to print first.</source>
        <translation>请先选择要打印的文书。</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="327"/>
        <source>The archived copy is missing: %1</source>
        <translation>存档文件不存在：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="336"/>
        <source>The ledger&apos;s end date is before its start date.</source>
        <translation>台账的结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="343"/>
        <source>Font for printed documents</source>
        <translation>打印字体</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="344"/>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../ui/printing.py" line="160"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="175"/>
        <source>PDF file in the data folder</source>
        <translation>保存为 PDF 文件（数据文件夹）</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="176"/>
        <source>No printer found: save as a PDF file in the data folder</source>
        <translation>未找到打印机：保存为 PDF 文件（数据文件夹）</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="186"/>
        <source>Print all (Enter)</source>
        <translation>全部打印 (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="188"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="189"/>
        <source>Printer options…</source>
        <translation>打印机选项…</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="190"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="192"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="193"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="194"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="196"/>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="235"/>
        <source>(reprint %1)</source>
        <translation>（补打第 %1 次）</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="237"/>
        <source>printed: %1</source>
        <translation>已打印：%1</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="323"/>
        <source>%1 · %2 · %3 page(s)</source>
        <translation>%1 · %2 · 共 %3 页</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="327"/>
        <source>The printer used last time (%1) is not available now; check the printer chosen above.</source>
        <translation>上次使用的打印机（%1）现在不可用，请确认上方选择的打印机。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="369"/>
        <source>System print settings for %1 kept; the paper stays %2.</source>
        <translation>已采用系统打印设置（%1），纸张仍为%2。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="402"/>
        <source>Nothing to print yet: the documents are still being prepared, or could not be prepared (see above).</source>
        <translation>暂无可打印的文书：文书仍在生成，或无法生成（见上方说明）。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="436"/>
        <source>Printing %1…</source>
        <translation>正在打印 %1…</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="445"/>
        <source>Printing failed: %1. Nothing was recorded as printed.</source>
        <translation>打印失败：%1。未记录为已打印。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="440"/>
        <source>It is not recorded as printed; try again.</source>
        <translation>本次未记录为已打印，请检查后重试。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="474"/>
        <source>Saved as %1 (no printer).</source>
        <translation>已保存为 %1（未连接打印机）。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="480"/>
        <source>The paper was printed but the print record could not be saved: %1</source>
        <translation>纸质文书已打印，但打印记录未能保存：%1</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="493"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="494"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="504"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../ui/printing.py" line="87"/>
        <source>The printer does not take this paper size. Choose another printer or paper.</source>
        <translation>该打印机不支持此纸张尺寸，请换一台打印机或换一种纸张。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="107"/>
        <source>The document could not be read for printing. Nothing was printed.</source>
        <translation>无法读取要打印的文书，未打印任何内容。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="116"/>
        <source>The printer “%1” is not available. Check that it is switched on and connected, or choose another printer.</source>
        <translation>打印机“%1”不可用。请检查打印机是否开机并已连接，或选择其他打印机。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="122"/>
        <source>The printer did not accept the job. Check the printer and try again.</source>
        <translation>打印机未接受打印任务。请检查打印机后重试。</translation>
    </message>
    <message>
        <location filename="../ui/printing.py" line="131"/>
        <source>A page could not be prepared for the printer. Nothing more was printed.</source>
        <translation>有一页无法送往打印机，后续内容未打印。</translation>
    </message>
</context>
<context>
    <name>ProxyScreen</name>
    <message>
        <location filename="../ui/screens/proxy.py" line="507"/>
        <source>Proxy errands (代办)</source>
        <translation>代办（代办员）</translation>
    </message>
    <message>
        <location filename="../ui/screens/proxy.py" line="508"/>
        <source>Helped online (帮办网办)</source>
        <translation>帮办网办</translation>
    </message>
</context>
<context>
    <name>PublicBoardWindow</name>
    <message>
        <location filename="../ui/public_board.py" line="44"/>
        <source>Staff whereabouts (residents&apos; board)</source>
        <extracomment>For changes made at other desks (they arrive by sync); this desk&apos;s own are shown at once. A window property: the window shows only what is posted for residents anyway, so the idle lock leaves it up.</extracomment>
        <translation>工作人员去向公示（群众查看）</translation>
    </message>
    <message>
        <location filename="../ui/public_board.py" line="60"/>
        <source>Esc closes this board</source>
        <translation>按 Esc 关闭公示屏</translation>
    </message>
    <message>
        <location filename="../ui/public_board.py" line="103"/>
        <source>%1 · Staff whereabouts</source>
        <translation>%1 · 工作人员去向公示</translation>
    </message>
    <message>
        <location filename="../ui/public_board.py" line="109"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/public_board.py" line="109"/>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location filename="../ui/public_board.py" line="109"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../ui/public_board.py" line="109"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/public_board.py" line="109"/>
        <source>Back at</source>
        <translation>预计返回</translation>
    </message>
    <message>
        <location filename="../ui/public_board.py" line="117"/>
        <source> (%1 acts)</source>
        <translation>（%1 代岗）</translation>
    </message>
    <message>
        <location filename="../ui/public_board.py" line="126"/>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
</context>
<context>
    <name>RatingWindow</name>
    <message>
        <location filename="../ui/rating_window.py" line="94"/>
        <source>Rate our service</source>
        <translation>服务评价</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="116"/>
        <source>Welcome. When your business is done, you can rate our service here.</source>
        <translation>欢迎您！办完事后，可在这里为我们的服务评价。</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="117"/>
        <source>Your rating is saved as you give it; nobody can change it.</source>
        <translation>您的评价按原样保存，任何人都不能修改。</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="124"/>
        <location filename="../ui/rating_window.py" line="203"/>
        <source>How satisfied are you with this service?</source>
        <translation>您对本次服务满意吗？</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="138"/>
        <source>Not now</source>
        <translation>暂不评价</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="149"/>
        <source>What were you not satisfied with? (choose one or more)</source>
        <translation>您对哪方面不满意？（可多选）</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="161"/>
        <source>Anything you would like to tell us? (optional)</source>
        <translation>还有什么想告诉我们的吗？（可不填）</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="172"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="174"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="186"/>
        <source>Thank you for your rating.</source>
        <translation>感谢您的评价！</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="202"/>
        <source>After the rectification, how satisfied are you now?</source>
        <translation>整改之后，您现在对服务满意吗？</translation>
    </message>
    <message>
        <location filename="../ui/rating_window.py" line="210"/>
        <source>The center head will contact you about what went wrong.</source>
        <translation>中心主任会与您联系，了解情况并整改。</translation>
    </message>
</context>
<context>
    <name>Ratings</name>
    <message>
        <location filename="../ui/screens/ratings.py" line="54"/>
        <source>Call back</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="55"/>
        <source>Rectify</source>
        <translation>整改</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="56"/>
        <source>Appeal with the county</source>
        <translation>县级申诉复核中</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="57"/>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="83"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="83"/>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="84"/>
        <source>Case</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="84"/>
        <source>Item / topic</source>
        <translation>事项 / 咨询内容</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="85"/>
        <source>Worker rated</source>
        <translation>被评价人</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="85"/>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="86"/>
        <source>Channel</source>
        <translation>评价渠道</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="86"/>
        <source>Reasons</source>
        <translation>不满意原因</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="87"/>
        <source>Comment</source>
        <translation>评价内容</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="87"/>
        <source>Outcome</source>
        <translation>整改方式</translation>
    </message>
</context>
<context>
    <name>RatingsScreen</name>
    <message>
        <location filename="../ui/screens/ratings.py" line="173"/>
        <source>Bad ratings to follow up</source>
        <translation>差评整改</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="174"/>
        <source>Satisfaction figures</source>
        <translation>满意度统计</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="185"/>
        <source>No bad rating is waiting for a follow-up.</source>
        <translation>没有待整改的差评。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="186"/>
        <source>Record the call back…</source>
        <translation>记录回访…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="187"/>
        <source>Record the outcome…</source>
        <translation>记录整改结果…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="188"/>
        <source>Rectification done…</source>
        <translation>整改完成…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="189"/>
        <source>Rating given on the phone…</source>
        <translation>电话回访评价…</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="212"/>
        <source>The center head records follow-ups.</source>
        <translation>差评整改由中心主任记录。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="233"/>
        <source>Each 不满意 or 非常不满意 opens a follow-up: call the resident back within %1 working day(s), rectify within %2. Yellow: due soon; red: overdue.</source>
        <translation>每条“不满意”或“非常不满意”都会生成差评整改：%1 个工作日内回访，%2 个工作日内整改。黄色：即将到期；红色：已超期。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="242"/>
        <source>Choose a follow-up in the list first.</source>
        <translation>请先在列表中选择一条差评整改。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="277"/>
        <source>Call back</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="277"/>
        <source>What the resident said</source>
        <translation>群众反映的情况</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="285"/>
        <source>Outcome of the follow-up</source>
        <translation>整改结果</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="286"/>
        <source>What was done (for an appeal: why the rating is mistaken or malicious)</source>
        <translation>整改情况（申诉复核时：说明该评价为何属误评或恶意评价）</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="295"/>
        <source>Rectification done</source>
        <translation>整改完成</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="295"/>
        <source>What was done</source>
        <translation>整改情况</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="307"/>
        <source>Enter the whole case number.</source>
        <translation>请输入完整的办件编号。</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="335"/>
        <location filename="../ui/screens/ratings.py" line="385"/>
        <source>Whole center</source>
        <translation>全中心</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="335"/>
        <source>Per worker</source>
        <translation>按工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="336"/>
        <source>Per item</source>
        <translation>按事项</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="336"/>
        <source>Per month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="341"/>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="345"/>
        <location filename="../ui/screens/ratings.py" line="359"/>
        <source>Group</source>
        <translation>统计方式</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="347"/>
        <source>Rated from</source>
        <translation>评价日期从</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="349"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="359"/>
        <source>Ratings</source>
        <translation>评价数</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="359"/>
        <source>Satisfaction</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="360"/>
        <source>Rated share</source>
        <translation>参评率</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="360"/>
        <source>Follow-ups on time</source>
        <translation>整改按期率</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="360"/>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="360"/>
        <source>80% rule</source>
        <translation>80%规则</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="374"/>
        <source>&lt;b&gt;How each figure is counted&lt;/b&gt; (ratings voided by the county on appeal count nowhere; “—”: nothing to count)</source>
        <translation>&lt;b&gt;各项指标的计算方法&lt;/b&gt;（经县级申诉复核作废的评价不计入任何指标；“—”表示没有可统计的数据）</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="391"/>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="391"/>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../ui/screens/ratings.py" line="407"/>
        <source>Satisfaction is %1, below the 80% the center must reach: find the causes with the staff, retrain, or hold to account (群众评议制).</source>
        <translation>满意率为 %1，低于 80% 的要求：请与工作人员查找原因，进行培训或追究责任（群众评议制）。</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../ui/recovery_key.py" line="45"/>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <location filename="../ui/recovery_key.py" line="47"/>
        <source>This center&apos;s database and its backups are encrypted. Print the recovery key now and keep it locked away: if this computer fails or is replaced, a backup opens only with it. It is printed only once.</source>
        <translation>本中心的数据库和备份都已加密。请现在打印恢复密钥并锁好保管：这台电脑损坏或更换后，只有凭它才能打开备份。恢复密钥只打印这一次。</translation>
    </message>
    <message>
        <location filename="../ui/recovery_key.py" line="52"/>
        <source>Print the recovery key</source>
        <translation>打印恢复密钥</translation>
    </message>
    <message>
        <location filename="../ui/recovery_key.py" line="54"/>
        <source>Save as PDF to print elsewhere…</source>
        <translation>保存为 PDF，到别处打印…</translation>
    </message>
    <message>
        <location filename="../ui/recovery_key.py" line="55"/>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location filename="../ui/recovery_key.py" line="75"/>
        <source>No printer is installed: save the key as a PDF and print it elsewhere.</source>
        <translation>本机没有安装打印机：请保存为 PDF 后到别处打印。</translation>
    </message>
    <message>
        <location filename="../ui/recovery_key.py" line="88"/>
        <source>Save the recovery key</source>
        <translation>保存恢复密钥</translation>
    </message>
    <message>
        <location filename="../ui/recovery_key.py" line="89"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RecoveryScreen</name>
    <message>
        <location filename="../ui/recovery.py" line="48"/>
        <source>The recovery key is needed</source>
        <translation>需要输入恢复密钥</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="49"/>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="55"/>
        <source>Backup taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="55"/>
        <source>Cases</source>
        <translation>办件数</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="55"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="56"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="66"/>
        <source>Restore the chosen backup</source>
        <translation>用所选备份恢复</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="78"/>
        <source>Recovery key (printed for the center head at setup):</source>
        <translation>恢复密钥（初始设置时打印给中心主任）：</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="83"/>
        <source>Open with the recovery key</source>
        <translation>用恢复密钥打开</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="90"/>
        <source>There is no backup in the data folder. Do not delete anything: call the county&apos;s IT staff, or copy a backup from the USB drive into the backups folder and start OneWindow again.</source>
        <translation>数据文件夹中没有备份。请不要删除任何文件：请联系县级技术人员，或把U盘上的备份复制到 backups 文件夹后重新启动一窗通。</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="93"/>
        <source>The damaged file is moved into the &quot;damaged&quot; folder beside the database and kept for IT; it is never deleted. Cases taken in after the backup come back from the county at the next sync if they were synced; the numbers already issued are never issued again.</source>
        <translation>损坏的文件会移到数据库旁的 damaged 文件夹中，留给技术人员检查，不会被删除。备份之后受理的办件，如已同步到县级，会在下次同步时取回；已发出的办件编号不会重复使用。</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="98"/>
        <source>For IT: %1</source>
        <translation>技术信息：%1</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="113"/>
        <source>Backups in %1, newest first:</source>
        <translation>%1 中的备份（最新的在前）：</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="123"/>
        <source>made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="124"/>
        <source>before an upgrade</source>
        <translation>升级前自动备份</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="128"/>
        <source>needs the recovery key</source>
        <translation>需恢复密钥</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="129"/>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="175"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="193"/>
        <source>(no damaged file)</source>
        <translation>（没有损坏的文件）</translation>
    </message>
    <message>
        <location filename="../ui/recovery.py" line="194"/>
        <source>Restored. The damaged file is kept in %1. Opening the database…</source>
        <translation>已恢复。损坏的文件保存在 %1。正在打开数据库…</translation>
    </message>
</context>
<context>
    <name>ReferralUnitDialog</name>
    <message>
        <location filename="../ui/screens/print_center.py" line="382"/>
        <source>Referral unit</source>
        <translation>转办单位</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="388"/>
        <source>e.g. working days 8:30–12:00, 14:30–17:30</source>
        <translation>例如：工作日 8:30–12:00，14:30–17:30</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="391"/>
        <source>Unit name *</source>
        <translation>单位名称 *</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="392"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="393"/>
        <source>Office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="394"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="395"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../ui/screens/print_center.py" line="405"/>
        <source>Enter the unit&apos;s name.</source>
        <translation>请填写单位名称。</translation>
    </message>
</context>
<context>
    <name>ResidentPageDialog</name>
    <message>
        <location filename="../ui/resident_page.py" line="75"/>
        <source>Resident</source>
        <translation>群众档案</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="78"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="83"/>
        <source>Open the kept record</source>
        <translation>打开保留的登记</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="95"/>
        <location filename="../ui/resident_page.py" line="96"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="98"/>
        <source>Shows the full number; this is recorded in the audit log</source>
        <translation>显示完整号码；此操作会记入审计日志</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="102"/>
        <source>Identity and contact</source>
        <translation>身份与联系方式</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="109"/>
        <source>Household notes (sensitive: shown only on this page)</source>
        <translation>家庭情况备注（敏感信息，仅在本页显示）</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="112"/>
        <source>Merge requests</source>
        <translation>合并申请</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="115"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="115"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="115"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="116"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="116"/>
        <source>Committed date</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="117"/>
        <source>Asked</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="117"/>
        <source>Topic</source>
        <translation>咨询事项</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="117"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="118"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="118"/>
        <source>Number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="118"/>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="118"/>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="122"/>
        <location filename="../ui/resident_page.py" line="203"/>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="123"/>
        <location filename="../ui/resident_page.py" line="204"/>
        <source>Inquiries</source>
        <translation>首问登记</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="124"/>
        <location filename="../ui/resident_page.py" line="205"/>
        <source>Printed documents</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="127"/>
        <source>Correct details…</source>
        <translation>更正信息…</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="128"/>
        <source>Merge a duplicate record…</source>
        <translation>合并重复登记…</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="129"/>
        <source>Needs home service (cannot come to the center)</source>
        <translation>需上门服务（行动不便，无法到中心）</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="176"/>
        <source>Resident %1</source>
        <translation>群众档案 - %1</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="180"/>
        <source>This record was merged into “%1”: its cases are there now. It is kept only as a pointer.</source>
        <translation>本条登记已合并到“%1”，相关办件都已转到该登记下；本条仅作为指向保留。</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="189"/>
        <source>No notes. Use “Correct details” to add them.</source>
        <translation>暂无备注。可通过“更正信息”添加。</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="200"/>
        <source> (reprint %1)</source>
        <translation>（补打第 %1 次）</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="213"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="213"/>
        <source>Type of ID</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="213"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="214"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="214"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="214"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="215"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="215"/>
        <source>Village group</source>
        <translation>村民小组/网格</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="261"/>
        <source>“%1” (%2) is to be merged into “%3” (%4). Reason: %5</source>
        <translation>申请将“%1”（%2）并入“%3”（%4）。原因：%5</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="268"/>
        <location filename="../ui/resident_page.py" line="337"/>
        <source>Confirm merge</source>
        <translation>确认合并</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="272"/>
        <source>Waiting for the center head</source>
        <translation>等待中心主任确认</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="273"/>
        <source>Decline</source>
        <translation>不予合并</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="273"/>
        <source>Withdraw</source>
        <translation>撤回申请</translation>
    </message>
    <message>
        <location filename="../ui/resident_page.py" line="338"/>
        <source>The merged record&apos;s cases, inquiries and prints move to the kept record, and a merge cannot be undone. Merge the two records?</source>
        <translation>被合并登记的办件、首问登记和打印记录将归到保留的登记名下，合并后不能撤销。确认合并这两条登记吗？</translation>
    </message>
</context>
<context>
    <name>SetNoteDialog</name>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="55"/>
        <source>Leave a whereabouts note</source>
        <translation>去向留言</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="67"/>
        <source>e.g. town government, meeting room 2; group 3, home visit</source>
        <translation>如：镇政府二楼会议室；三组张家上门</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="73"/>
        <source>Required for half a day or more, a trip or leave</source>
        <translation>离开半天及以上、出差或请假时必填</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="77"/>
        <source>Worker</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="78"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="79"/>
        <source>Where</source>
        <translation>去向</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="80"/>
        <source>Expected back</source>
        <translation>预计返回</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="81"/>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="82"/>
        <source>Residents see the status and the return time on the public board; the reason is shown only to colleagues. The note is cleared when you come back or log in.</source>
        <translation>公示屏向群众显示状态和预计返回时间；事由只有同事可见。返回或重新登录时留言自动销去。</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="87"/>
        <source>Save note</source>
        <translation>保存留言</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="88"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="125"/>
        <source>A and B away together</source>
        <translation>A、B角同时离岗</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="126"/>
        <source>The A/B partner is away as well:</source>
        <translation>AB角的另一方也不在岗：</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="128"/>
        <source>Save the note anyway</source>
        <translation>仍然保存留言</translation>
    </message>
    <message>
        <location filename="../ui/whereabouts_dialogs.py" line="129"/>
        <source>Back</source>
        <translation>返回修改</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../ui/screens/settings.py" line="55"/>
        <source>Data and backups</source>
        <translation>数据与备份</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="58"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="59"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="63"/>
        <source>Audit log…</source>
        <translation>审计日志…</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="70"/>
        <source>A copy is saved automatically in the backups folder before every upgrade. Copy the backups folder to a USB drive regularly.</source>
        <translation>每次升级前，系统会自动在 backups 文件夹中保存一份数据库副本。请定期把 backups 文件夹复制到 U 盘。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="74"/>
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="77"/>
        <location filename="../ui/screens/settings.py" line="157"/>
        <source>Import calendar table…</source>
        <translation>导入日历表…</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="82"/>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="84"/>
        <source>The test page shows millimetre rulers on every edge (how much the printer cuts), the font check with rare characters, and a QR code to scan. Choose the printer and the paper (A4, A5 or the 80 mm roll) in the print window.</source>
        <translation>测试页四边印有毫米标尺（可看出打印机裁掉多少边距），并有含生僻字的字体检查和可扫描的二维码。请在打印窗口中选择打印机和纸张（A4、A5或80毫米卷纸）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="88"/>
        <source>Print a printer test page…</source>
        <translation>打印机测试页…</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="94"/>
        <source>OneWindow %1 — one-window intake for village and community service centers.</source>
        <translation>一窗通 %1 — 村（社区）党群服务中心一窗受理系统。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="131"/>
        <source>About and diagnostics…</source>
        <translation>关于与诊断信息…</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="146"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="153"/>
        <source>Center details (view)…</source>
        <translation>中心信息（查看）…</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="158"/>
        <source>Import calendar table (center head only)</source>
        <translation>导入日历表（仅限中心主任）</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="197"/>
        <source>published</source>
        <translation>已公布</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="201"/>
        <source>Official schedule built in for %1–%2.</source>
        <translation>已内置 %1–%2 年国务院公布的放假安排。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="210"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="214"/>
        <source>Center phone: %1  Consultation phone: %2  Supervision phone: %3</source>
        <translation>中心电话：%1&#x3000;咨询电话：%2&#x3000;监督电话：%3</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="217"/>
        <source>Opening hours: %1  Pickup hours: %2</source>
        <translation>办公时间：%1&#x3000;取件时间：%2</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="219"/>
        <source>as the opening hours</source>
        <translation>同办公时间</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="222"/>
        <source>Name and place are kept by the county server.</source>
        <translation>中心名称和所属地区由县级服务器管理。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="246"/>
        <source>Backup saved</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="246"/>
        <source>Backup saved to:
%1</source>
        <translation>备份已保存到：
%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="264"/>
        <source>Import calendar table</source>
        <translation>导入日历表</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="264"/>
        <source>Calendar tables (*.csv)</source>
        <translation>日历表 (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="280"/>
        <source>The deadlines of %1 open cases were counted again on the new schedule; they are listed under Needs attention.</source>
        <translation>%1 件在办办件的期限已按新的放假安排重新计算，详见「需要处理」。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="282"/>
        <source>Calendar imported</source>
        <translation>日历已导入</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="278"/>
        <source>%1 days imported.</source>
        <translation>已导入 %1 天。</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="46"/>
        <source>Service center</source>
        <translation>服务中心</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="49"/>
        <location filename="../ui/screens/settings.py" line="153"/>
        <source>Center details…</source>
        <translation>中心信息…</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="198"/>
        <source>not published yet — deadlines are provisional: statutory holidays counted, make-up working days unknown</source>
        <translation>尚未公布 — 期限暂定：已计入法定节假日，调休上班日未知</translation>
    </message>
    <message>
        <location filename="../ui/screens/settings.py" line="285"/>
        <source>Calendar not imported</source>
        <translation>日历未导入</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../ui/setup_wizard.py" line="47"/>
        <source>OneWindow — first-time setup</source>
        <translation>一窗通 — 初始设置</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="54"/>
        <source>Service center</source>
        <translation>服务中心</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="55"/>
        <source>Enter the center&apos;s details as registered with the county.</source>
        <translation>请按县级登记的信息填写本中心资料。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="57"/>
        <source>e.g. Qingshan Village Party-Mass Service Center</source>
        <translation>例如：青山村党群服务中心</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="59"/>
        <source>2–16 letters or digits, assigned by the county</source>
        <translation>2–16 位字母或数字，由县级部门分配</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="61"/>
        <source>e.g. Shifan County: a county, county-level city or city district</source>
        <translation>如：示范县（县、县级市或市辖区）</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="65"/>
        <source>e.g. a development zone or management area; usually empty</source>
        <translation>如：某某开发区、某某管理区；一般不填</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="66"/>
        <source>Only if the town is run by a development zone, new area or management area; usually empty</source>
        <translation>仅当乡镇（街道）归开发区、新区、管理区等片区管理时填写，一般不填</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="69"/>
        <source>e.g. Shifan Town, or XX Subdistrict</source>
        <translation>如：示范镇、某某街道</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="73"/>
        <source>Center name *</source>
        <translation>中心名称 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="74"/>
        <source>Center code *</source>
        <translation>中心编码 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="75"/>
        <source>County / city *</source>
        <translation>所属县（市、区）*</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="76"/>
        <source>Zone (if any)</source>
        <translation>所属片区（没有可不填）</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="77"/>
        <source>Town / subdistrict *</source>
        <translation>所属乡镇（街道）*</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="78"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="81"/>
        <source>Phones and hours</source>
        <translation>电话和办公时间</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="82"/>
        <source>Printed on the slips and notices residents take home. Leave a line empty if the center has none: nothing is printed for it. The center head can change them later in Settings.</source>
        <translation>这些信息会印在群众带走的回执和告知书上。没有的项请留空，留空的项不打印。中心主任以后可在“设置”中修改。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="85"/>
        <source>mobile 13812345678 or landline 0769-22345678</source>
        <translation>手机 13812345678 或固定电话 0769-22345678</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="92"/>
        <source>e.g. weekdays 8:30–12:00, 14:00–17:30</source>
        <translation>如：工作日 8:30–12:00，14:00–17:30</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="94"/>
        <source>empty = the opening hours</source>
        <translation>不填则同办公时间</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="96"/>
        <source>Center phone</source>
        <translation>中心电话</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="97"/>
        <source>Consultation phone</source>
        <translation>咨询电话</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="98"/>
        <source>Supervision phone</source>
        <translation>监督电话</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="99"/>
        <source>Opening hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="100"/>
        <source>Pickup hours</source>
        <translation>取件时间</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="103"/>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="104"/>
        <source>Each computer of the center needs its own number; it is part of every case number.</source>
        <translation>本中心每台电脑须有不同的编号；编号是每个办件编号的一部分。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="109"/>
        <source>Window number *</source>
        <translation>窗口号 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="110"/>
        <source>Computer number *</source>
        <translation>本机编号 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="113"/>
        <source>Center head account</source>
        <translation>中心主任账号</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="114"/>
        <source>The center head manages staff accounts and the catalog. Keep the password safe.</source>
        <translation>中心主任负责管理工作人员账号和事项目录，请妥善保管密码。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="117"/>
        <source>letters and digits, e.g. wangjg</source>
        <translation>字母和数字，例如 wangjg</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="124"/>
        <source>Full name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="125"/>
        <source>Login name *</source>
        <translation>登录名 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="126"/>
        <source>Password * (8+ characters, letters and digits)</source>
        <translation>密码 *（至少 8 位，含字母和数字）</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="127"/>
        <source>Repeat password *</source>
        <translation>再次输入密码 *</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="129"/>
        <source>Save and continue</source>
        <translation>保存并继续</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="147"/>
        <source>Service catalog</source>
        <translation>事项目录</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="148"/>
        <source>The center is set up. Intake needs a catalog of service items: choose how to start.</source>
        <translation>中心已设置完成。受理办件需要事项目录，请选择如何开始。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="149"/>
        <source>Import the sample catalog (示例, for trial only)</source>
        <translation>导入示例事项目录（仅供试用）</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="150"/>
        <source>Import the catalog file published by the county…</source>
        <translation>导入县里发布的事项目录文件…</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="151"/>
        <source>Later (once this computer is enrolled with the county server, the catalog arrives by sync)</source>
        <translation>稍后（本机在县级服务器注册后会自动同步）</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="159"/>
        <source>The sample is marked 示例 on the catalog screen. Its items are examples, not your county&apos;s: replace it before real work.</source>
        <translation>示例目录在“事项目录”页面上标有“示例”字样，其中的事项只是例子，并非本县的目录；正式使用前请替换。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="163"/>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="164"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="169"/>
        <source>Once this computer is enrolled with the county server (Settings › County sync), the county&apos;s catalog arrives by itself with the sync, and later versions too.</source>
        <translation>本机在县级服务器注册（设置 › 县级同步）后，县里发布的事项目录及以后的新版本都会随同步自动下载。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="235"/>
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="282"/>
        <source>Import catalog</source>
        <translation>导入事项目录</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="282"/>
        <source>Catalog files (*.json)</source>
        <translation>事项目录文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="295"/>
        <source>Choose the catalog file, or pick another option.</source>
        <translation>请选择事项目录文件，或选择其他方式。</translation>
    </message>
    <message>
        <location filename="../ui/setup_wizard.py" line="314"/>
        <source>The center is saved. Choose another option, or “Later” to import a catalog from the catalog screen.</source>
        <translation>中心信息已保存。请选择其他方式，或选“稍后”，以后在“事项目录”页面导入。</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../ui/shortcuts.py" line="36"/>
        <source>Anywhere</source>
        <translation>任何界面</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="37"/>
        <source>Intake</source>
        <translation>接待受理</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="38"/>
        <source>First inquiry</source>
        <translation>首问登记</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="39"/>
        <source>Complaints</source>
        <translation>投诉举报</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="40"/>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="69"/>
        <source>Show this list of shortcuts</source>
        <translation>显示本快捷键列表</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="70"/>
        <source>Start a new intake (next resident)</source>
        <translation>开始新的接待受理（下一位群众）</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="71"/>
        <source>Register a first inquiry</source>
        <translation>登记首问</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="72"/>
        <source>Refresh the lists from the database</source>
        <translation>刷新列表</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="73"/>
        <source>Search: name, pinyin initials, ID number, phone or its last 4 digits, case number</source>
        <translation>查找：姓名、拼音首字母、身份证号、手机号或后4位、办件编号</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="76"/>
        <source>Lock the screen when you leave the desk (the Lock button does the same)</source>
        <translation>离开窗口时锁定屏幕（状态栏的“锁定”按钮作用相同）</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="78"/>
        <source>Next step; choose the highlighted line</source>
        <translation>下一步；选中高亮的一行</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="79"/>
        <source>Move in the list while typing</source>
        <translation>输入时在列表中上下移动</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="80"/>
        <source>Back one step</source>
        <translation>返回上一步</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="81"/>
        <source>Tick or untick a material</source>
        <translation>勾选或取消勾选材料</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="82"/>
        <source>Register a new resident</source>
        <translation>登记新居民</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="83"/>
        <source>Confirm the intake</source>
        <translation>确认受理</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="84"/>
        <source>Register the inquiry</source>
        <translation>登记首问</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="86"/>
        <source>Register the complaint and print its slip</source>
        <translation>登记投诉并打印投诉受理回执</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="87"/>
        <source>Print all documents</source>
        <translation>打印全部文书</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../ui/shortcuts.py" line="101"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="103"/>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="103"/>
        <source>Where</source>
        <translation>适用界面</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="103"/>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <location filename="../ui/shortcuts.py" line="113"/>
        <source>The Lock button in the status bar locks the screen too.</source>
        <translation>状态栏的“锁定”按钮也可以锁定屏幕。</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../ui/screens/staff.py" line="374"/>
        <source>Staff accounts</source>
        <translation>人员管理</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="378"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../ui/screens/staff.py" line="144"/>
        <source>The accounts of this center, made here or by the county. Changes work offline and go to the county with the next sync. A deactivated account cannot log in; its records keep its name.</source>
        <translation>本中心的工作人员账号，包括在本机添加的和县级下发的。断网时也可修改，下次同步时上报县级。停用的账号不能登录，其经办记录仍保留姓名。</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="147"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="147"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="147"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="147"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="148"/>
        <source>County</source>
        <translation>县级</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="148"/>
        <source>Last login here</source>
        <translation>本机上次登录</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="149"/>
        <source>Add staff member…</source>
        <translation>添加人员…</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="150"/>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="151"/>
        <location filename="../ui/screens/staff.py" line="228"/>
        <location filename="../ui/screens/staff.py" line="301"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="152"/>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="202"/>
        <source> (awaiting county approval)</source>
        <translation>（待县级批准）</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="203"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="203"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="205"/>
        <source> · must change password</source>
        <translation> · 须修改密码</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="206"/>
        <source>At the county</source>
        <translation>已上报县级</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="206"/>
        <source>Not sent yet</source>
        <translation>尚未上报</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="207"/>
        <source>Not accepted: %1</source>
        <translation>县级未接受：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="227"/>
        <source>Reactivate</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="251"/>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="251"/>
        <source>New role of %1:</source>
        <translation>%1 的新角色：</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="286"/>
        <source>Deactivate account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="287"/>
        <source>Deactivate the account of %1? It can no longer log in; its cases and records stay.</source>
        <translation>停用 %1 的账号？停用后不能登录，其办件和记录保留。</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="291"/>
        <source>%1 still holds %2 open cases and %3 inquiries awaiting follow-up.</source>
        <translation>%1 名下还有 %2 件在办件和 %3 条待跟进的首问登记。</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="294"/>
        <source>Hand them to %1, the backup (B)?</source>
        <translation>是否移交给其B角 %1？</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="295"/>
        <source>Hand over to %1 and deactivate</source>
        <translation>移交给 %1 并停用</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="298"/>
        <source>No backup is set for them: they stay with the deactivated account until you hand them over (set a backup in Whereabouts → A/B backups).</source>
        <translation>尚未为其设置B角：这些工作将留在停用的账号名下，直至移交（可在“去向与AB角 → AB角设置”中设置）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="301"/>
        <source>Deactivate, keep them as they are</source>
        <translation>停用，工作暂不移交</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="332"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="333"/>
        <source>Give %1 a new temporary password? The old one stops working; %1 chooses a new one at the next login.</source>
        <translation>为 %1 生成新的临时密码？原密码将失效，%1 下次登录时须设置新密码。</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="350"/>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="351"/>
        <source>The temporary password of %1 is:</source>
        <translation>%1 的临时密码是：</translation>
    </message>
    <message>
        <location filename="../ui/screens/staff.py" line="354"/>
        <source>Tell it to %1 now: it is shown only this once. %1 must choose a new password at the next login.</source>
        <translation>请现在告知 %1：此密码只显示这一次。%1 下次登录时须设置新密码。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../ui/sync.py" line="251"/>
        <source>Sync with the county</source>
        <extracomment>While a new or replaced PC&apos;s history is arriving: (rows here, about how many in all).</extracomment>
        <translation>与县级同步</translation>
    </message>
</context>
<context>
    <name>SyncSettingsBox</name>
    <message>
        <location filename="../ui/sync_settings.py" line="33"/>
        <source>County sync</source>
        <translation>县级同步</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="40"/>
        <source>Empty: the system&apos;s certificate authorities</source>
        <translation>留空：使用系统自带的证书</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="41"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="44"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="45"/>
        <source>only when asked</source>
        <translation>只手动同步</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="46"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="48"/>
        <source>e.g. 7KQ3-M9XA-2HPR, from the county administrator</source>
        <translation>如 7KQ3-M9XA-2HPR，由县级管理员提供</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="49"/>
        <source>Enroll this PC</source>
        <translation>注册本机</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="50"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="51"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="64"/>
        <source>County server</source>
        <translation>县级服务器地址</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="65"/>
        <source>CA bundle (optional)</source>
        <translation>CA 证书文件（可选）</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="66"/>
        <source>Sync every</source>
        <translation>自动同步间隔</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="67"/>
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="93"/>
        <source>Only the center head changes the sync settings or enrolls this PC.</source>
        <translation>只有中心主任可以修改同步设置或注册本机。</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="110"/>
        <source>Enroll again</source>
        <translation>重新注册</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="111"/>
        <source>Enrolled as computer %1 on %2.</source>
        <translation>已注册为 %1 号电脑（%2）。</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="114"/>
        <source>This PC is not enrolled yet: it works offline and keeps every record until it is enrolled.</source>
        <translation>本机尚未注册：可以离线正常使用，所有记录都保存在本机，注册后自动上传。</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="121"/>
        <source>CA bundle</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="121"/>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书文件 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="143"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="154"/>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="171"/>
        <source>Enrolling with the county server…</source>
        <translation>正在向县级服务器注册…</translation>
    </message>
    <message>
        <location filename="../ui/sync_settings.py" line="181"/>
        <source>Enrolled: computer %1 of %2.</source>
        <translation>注册成功：%2 的 %1 号电脑。</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../ui/screens/today.py" line="229"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../ui/screens/today.py" line="230"/>
        <source>Appointments</source>
        <translation>预约</translation>
    </message>
</context>
<context>
    <name>UpdatesBox</name>
    <message>
        <location filename="../ui/updates_box.py" line="30"/>
        <source>Program updates</source>
        <translation>程序更新</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="34"/>
        <location filename="../ui/updates_box.py" line="73"/>
        <source>This program: version %1</source>
        <translation>本机程序：版本 %1</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="36"/>
        <location filename="../ui/updates_box.py" line="57"/>
        <source>Import update file…</source>
        <translation>导入更新包…</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="44"/>
        <source>Updates come from the county with the sync and install when OneWindow starts next; a center without a link imports the update file the county gives it. Every update is checked against the county&apos;s signatures.</source>
        <translation>更新随县级同步下载，在下次启动一窗通时安装；不联网的中心导入县里提供的更新包。每个更新都要通过县级签名校验。</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="58"/>
        <source>Import update file (center head only)</source>
        <translation>导入更新包（仅限中心主任）</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="75"/>
        <source>Version %1 is ready: it installs when OneWindow starts next.</source>
        <translation>新版本 %1 已就绪，下次启动一窗通时安装。</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="78"/>
        <source>Version %1 is downloading: %2%</source>
        <translation>新版本 %1 正在下载：%2%</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="90"/>
        <source>Version %1 did not start and was rolled back to %2 by itself.</source>
        <translation>版本 %1 未能正常启动，已自动退回版本 %2。</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="93"/>
        <source>Version %1 was installed and started normally.</source>
        <translation>版本 %1 已安装并正常启动。</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="95"/>
        <source>The downloaded version %1 was not installed (not newer, or damaged).</source>
        <translation>下载的版本 %1 未安装（不比当前版本新，或文件已损坏）。</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="99"/>
        <source>Import update file</source>
        <translation>导入更新包</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="100"/>
        <source>OneWindow update files (*.owupdate)</source>
        <translation>一窗通更新包 (*.owupdate)</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="116"/>
        <source>Update imported</source>
        <translation>更新包已导入</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="117"/>
        <source>Version %1 passed the signature check. It installs when OneWindow starts next; if it does not start, the current version comes back by itself.</source>
        <translation>版本 %1 已通过签名校验，下次启动一窗通时安装；如果新版本无法启动，会自动退回当前版本。</translation>
    </message>
    <message>
        <location filename="../ui/updates_box.py" line="121"/>
        <source>Update not imported</source>
        <translation>更新包未导入</translation>
    </message>
</context>
<context>
    <name>WhereaboutsScreen</name>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="146"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="146"/>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="146"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="146"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="147"/>
        <source>Where</source>
        <translation>去向</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="147"/>
        <source>Expected back</source>
        <translation>预计返回</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="147"/>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="148"/>
        <source>Acting for them</source>
        <translation>代岗人</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="149"/>
        <source>Leave a note…</source>
        <translation>留言外出…</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="150"/>
        <source>I am back</source>
        <translation>我已返回</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="151"/>
        <source>Mark as back</source>
        <translation>标记为已返回</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="152"/>
        <source>Open the residents&apos; board</source>
        <translation>打开群众公示屏</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="153"/>
        <source>Print A4 board</source>
        <translation>打印A4去向公示</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="167"/>
        <source>e.g. 0769-22345678 or 12345; empty: not shown</source>
        <translation>如 0769-22345678 或 12345；留空则不显示</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="168"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="170"/>
        <source>Complaints phone on the public boards:</source>
        <translation>公示屏和去向公示上的投诉电话：</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="177"/>
        <source>Whereabouts</source>
        <translation>去向公示</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="178"/>
        <source>Held for absent colleagues</source>
        <translation>代岗办理</translation>
    </message>
    <message>
        <location filename="../ui/screens/whereabouts.py" line="179"/>
        <source>A/B backups</source>
        <translation>AB角设置</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <location filename="../ui/widgets.py" line="63"/>
        <source>At most %1 characters; now %2.</source>
        <translation>最多 %1 个字，现在 %2 个字。</translation>
    </message>
</context>
<context>
    <name>_SectionBox</name>
    <message>
        <location filename="../ui/screens/today.py" line="66"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../ui/id_reader.py" line="122"/>
        <source>ID card read: finish the current intake first</source>
        <translation>已读卡：请先完成当前的受理</translation>
    </message>
</context>
</TS>
