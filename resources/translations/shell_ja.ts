<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../fieldkit/ui/lists/actions.py" line="29" />
        <location filename="../../fieldkit/ui/lists/actions.py" line="39" />
        <source>This part of FieldKit is not installed: {name}.</source>
        <translation>FieldKit のこの機能はインストールされていません: {name}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/actions.py" line="77" />
        <source>Moved “{title}” to the trash.</source>
        <translation>「{title}」をごみ箱に移しました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/actions.py" line="98" />
        <source>Restored “{title}”.</source>
        <translation>「{title}」を元に戻しました。</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="174" />
        <source>No records yet</source>
        <translation>まだ記録がありません</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="23" />
        <source>Meeting</source>
        <translation>面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="24" />
        <location filename="../../fieldkit/ui/lists/columns.py" line="138" />
        <source>Visit</source>
        <translation>視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="25" />
        <location filename="../../fieldkit/ui/lists/columns.py" line="160" />
        <source>Project</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="26" />
        <source>Organisation</source>
        <translation>機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="27" />
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="28" />
        <source>Follow-up</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="29" />
        <source>Attachment</source>
        <translation>添付ファイル</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="38" />
        <source>Pipeline/identification</source>
        <translation>形成・準備中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="39" />
        <source>Implementation</source>
        <translation>実施中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="40" />
        <source>Completion</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="41" />
        <source>Post-completion</source>
        <translation>事後</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="42" />
        <source>Cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="43" />
        <source>Suspended</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="47" />
        <source>Open</source>
        <translation>未完了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="48" />
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="49" />
        <source>Dropped</source>
        <translation>取りやめ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="84" />
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="92" />
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="101" />
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="109" />
        <source>Marking</source>
        <translation>取扱区分</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="117" />
        <source>Last edited</source>
        <translation>最終更新</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="125" />
        <source>Edited by</source>
        <translation>更新者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="152" />
        <source>Contract / start</source>
        <translation>契約・開始</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="170" />
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="178" />
        <source>Next report due</source>
        <translation>次回報告期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="188" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="197" />
        <location filename="../../fieldkit/ui/lists/columns.py" line="216" />
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="208" />
        <source>Deleted</source>
        <translation>削除日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/columns.py" line="223" />
        <source>Title</source>
        <translation>件名</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="477" />
        <source>Meetings</source>
        <translation>面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="478" />
        <source>Monitoring visits</source>
        <translation>モニタリング視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="479" />
        <source>Projects</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="480" />
        <source>Open follow-ups</source>
        <translation>未完了のフォローアップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="482" />
        <location filename="../../fieldkit/ui/dashboard.py" line="549" />
        <source>Overdue follow-ups</source>
        <translation>期限切れのフォローアップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="485" />
        <source>Projects with late reports</source>
        <translation>報告遅延の案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="488" />
        <source>as of {date}</source>
        <translation>{date} 現在</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/dashboard.py" line="500" />
        <location filename="../../fieldkit/ui/dashboard.py" line="513" />
        <source>%n days</source>
        <translation><numerusform>%n 日</numerusform></translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="509" />
        <source>interim report</source>
        <translation>中間報告</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="509" />
        <source>completion report</source>
        <translation>完了報告</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="543" />
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="544" />
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="545" />
        <source>Refresh the dashboard</source>
        <translation>ダッシュボードを更新</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="546" />
        <source>Meetings and visits in the last 12 months</source>
        <translation>過去12か月の面談・視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="547" />
        <source>Meetings by policy field</source>
        <translation>重点分野別の面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="548" />
        <source>Meetings and visits by country</source>
        <translation>国別の面談・視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="550" />
        <source>Projects with overdue reports</source>
        <translation>報告期限を過ぎた案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="557" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="557" />
        <location filename="../../fieldkit/ui/dashboard.py" line="560" />
        <source>Late by</source>
        <translation>遅延</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="557" />
        <source>Action</source>
        <translation>対応事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="557" />
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="560" />
        <source>Project</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="560" />
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/dashboard.py" line="560" />
        <source>Report</source>
        <translation>報告</translation>
    </message>
</context>
<context>
    <name>Detail</name>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="109" />
        <source>received</source>
        <translation>受領</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="110" />
        <source>overdue</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="111" />
        <source>In the trash since</source>
        <translation>ごみ箱に移した日時:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="112" />
        <source>Restore it to edit it again.</source>
        <translation>編集するには元に戻してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="115" />
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="116" />
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="117" />
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="118" />
        <source>Organisations</source>
        <translation>機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="119" />
        <source>Policy fields</source>
        <translation>重点分野</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="120" />
        <source>Instruments</source>
        <translation>協力手段</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="121" />
        <source>Summit / forum</source>
        <translation>首脳会議・フォーラム</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="122" />
        <source>Partner side</source>
        <translation>先方</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="123" />
        <source>Our side</source>
        <translation>当方</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="124" />
        <source>Key points</source>
        <translation>要点</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="125" />
        <source>Partner's requests</source>
        <translation>先方の要望</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="126" />
        <source>Our responses</source>
        <translation>当方の応答</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="127" />
        <source>Drafted by</source>
        <translation>起案</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="128" />
        <source>Approved by</source>
        <translation>決裁</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="129" />
        <source>Distribution</source>
        <translation>配布先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="130" />
        <source>Project</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="131" />
        <source>Site</source>
        <translation>サイト</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="132" />
        <source>Visitors</source>
        <translation>訪問者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="133" />
        <source>People met</source>
        <translation>面会者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="134" />
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="135" />
        <source>Overall rating</source>
        <translation>総合評価</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="136" />
        <source>DAC criteria</source>
        <translation>DAC評価基準</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="137" />
        <source>Criterion</source>
        <translation>基準</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="138" />
        <source>Rating</source>
        <translation>評価</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="139" />
        <source>Note</source>
        <translation>所見</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="140" />
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="141" />
        <source>Use of facilities and equipment</source>
        <translation>施設・機材の活用状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="144" />
        <source>Findings</source>
        <translation>所見</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="145" />
        <source>Issues and risks</source>
        <translation>課題・リスク</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="146" />
        <source>Recommendations</source>
        <translation>提言</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="147" />
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="148" />
        <source>Scheme</source>
        <translation>スキーム</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="149" />
        <source>IATI identifier</source>
        <translation>IATI識別子</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="150" />
        <source>Reporting organisation</source>
        <translation>報告機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="153" />
        <source>Implementing partner</source>
        <translation>実施機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="154" />
        <source>Sectors</source>
        <translation>セクター</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="155" />
        <source>Budget</source>
        <translation>予算</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="156" />
        <source>Contract</source>
        <translation>契約日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="157" />
        <source>Start – end</source>
        <translation>開始 – 終了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="158" />
        <source>Interim report due</source>
        <translation>中間報告期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="159" />
        <source>Completion report due</source>
        <translation>完了報告期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="160" />
        <source>Title (Japanese)</source>
        <translation>件名（日本語）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="161" />
        <source>Description</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="162" />
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="163" />
        <source>Monitoring visits</source>
        <translation>モニタリング視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="164" />
        <source>Local name</source>
        <translation>現地語名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="165" />
        <source>Acronym</source>
        <translation>略称</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="166" />
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="167" />
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="168" />
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="169" />
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="170" />
        <source>Website</source>
        <translation>ウェブサイト</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="171" />
        <source>IATI organisation id</source>
        <translation>IATI機関ID</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="172" />
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="173" />
        <source>Organisation</source>
        <translation>機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="174" />
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="175" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="176" />
        <source>From</source>
        <translation>元の記録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="177" />
        <source>Action</source>
        <translation>対応事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="178" />
        <source>Follow-up actions</source>
        <translation>フォローアップ事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="179" />
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="180" />
        <source>Attachments</source>
        <translation>添付ファイル</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="181" />
        <source>Revision</source>
        <translation>版</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="182" />
        <source>created</source>
        <translation>作成</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="183" />
        <source>last edited</source>
        <translation>最終更新</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="628" />
        <source>Select a record to see it here.</source>
        <translation>記録を選択すると、ここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="630" />
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="630" />
        <source>Edit this record</source>
        <translation>この記録を編集</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="631" />
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="631" />
        <source>Move this record to the trash</source>
        <translation>この記録をごみ箱に移す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="634" />
        <source>Restore</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="635" />
        <source>Bring this record back from the trash</source>
        <translation>この記録をごみ箱から戻す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="637" />
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="637" />
        <source>Who changed what, and when</source>
        <translation>誰がいつ何を変更したか</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="638" />
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="638" />
        <source>Print preview of this record</source>
        <translation>この記録の印刷プレビュー</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/detail.py" line="643" />
        <source>Record details</source>
        <translation>記録の詳細</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="80" />
        <source>FieldKit</source>
        <translation>FieldKit</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="86" />
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="97" />
        <location filename="../../fieldkit/ui/errors.py" line="98" />
        <source>Unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="110" />
        <source>Something went wrong inside FieldKit.</source>
        <translation>FieldKit の内部で問題が発生しました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="112" />
        <source>Your saved records are safe. If this keeps happening, send the details below to your IT contact.</source>
        <translation>保存済みの記録は失われていません。繰り返し発生する場合は、以下の詳細をIT担当者に送ってください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="119" />
        <source>The details were written to {path}.</source>
        <translation>詳細は {path} に記録されました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="123" />
        <source>The details could not be written to the log file.</source>
        <translation>詳細をログファイルに書き込めませんでした。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="131" />
        <source>Error details</source>
        <translation>エラーの詳細</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="135" />
        <location filename="../../fieldkit/ui/errors.py" line="136" />
        <source>Copy details</source>
        <translation>詳細をコピー</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="138" />
        <location filename="../../fieldkit/ui/errors.py" line="168" />
        <source>Show details</source>
        <translation>詳細を表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="161" />
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/errors.py" line="166" />
        <source>Hide details</source>
        <translation>詳細を隠す</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../fieldkit/ui/lists/export.py" line="70" />
        <location filename="../../fieldkit/ui/lists/export.py" line="93" />
        <source>Export list as CSV</source>
        <translation>一覧をCSVで書き出す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/export.py" line="72" />
        <source>CSV files (*.csv)</source>
        <translation>CSVファイル (*.csv)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/export.py" line="87" />
        <source>Exporting…</source>
        <translation>書き出し中…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/export.py" line="88" />
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/export.py" line="102" />
        <source>Exporting {label}: {done} of {total}</source>
        <translation>{label} を書き出し中: {done} / {total}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="221" />
        <source>Search…</source>
        <translation>検索…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="222" />
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="225" />
        <source>Search every field, in any language (Ctrl+F). Every word must match; put "exact phrases" in quotes.</source>
        <translation>すべての項目を言語を問わず検索します (Ctrl+F)。複数の語はすべて一致するものを表示します。語句は "" で囲んでください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="232" />
        <source>All countries</source>
        <translation>すべての国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="233" />
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="236" />
        <source>All policy fields</source>
        <translation>すべての重点分野</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="239" />
        <source>Policy field</source>
        <translation>重点分野</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="242" />
        <source>Any status</source>
        <translation>すべての状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="245" />
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="246" />
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="247" />
        <source>from</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="248" />
        <source>to</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="249" />
        <source>From date</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="250" />
        <source>From this date (empty: any)</source>
        <translation>この日以降（空欄: 指定なし）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="251" />
        <source>To date</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="252" />
        <source>Up to this date (empty: any)</source>
        <translation>この日まで（空欄: 指定なし）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="253" />
        <source>Reports overdue</source>
        <translation>報告期限切れ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="254" />
        <source>Only projects with overdue reports</source>
        <translation>報告期限を過ぎた案件のみ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="255" />
        <source>Clear all filters</source>
        <translation>すべての絞り込みを解除</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/filter_bar.py" line="256" />
        <source>Clear filters</source>
        <translation>絞り込みを解除</translation>
    </message>
</context>
<context>
    <name>FollowupModel</name>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="126" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="127" />
        <source>Action</source>
        <translation>対応事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="128" />
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="129" />
        <source>From</source>
        <translation>元の記録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="130" />
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="131" />
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/followups.py" line="183" />
        <source>overdue by %n days</source>
        <translation><numerusform>%n 日超過</numerusform></translation>
    </message>
</context>
<context>
    <name>FollowupsPage</name>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/followups.py" line="355" />
        <source>%n shown</source>
        <translation><numerusform>%n 件表示</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/followups.py" line="357" />
        <source>%n overdue</source>
        <translation><numerusform>期限切れ %n 件</numerusform></translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="361" />
        <source>the {n} due soonest</source>
        <translation>期限の近い {n} 件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/followups.py" line="403" />
        <source>Marked %n follow-ups done.</source>
        <translation><numerusform>%n 件のフォローアップを完了にしました。</numerusform></translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="437" />
        <source>Follow-ups</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="438" />
        <source>Mark done</source>
        <translation>完了にする</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="439" />
        <source>Mark selected follow-ups done</source>
        <translation>選択したフォローアップを完了にする</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="440" />
        <source>Mark the selected follow-ups done today</source>
        <translation>選択したフォローアップを本日付で完了にします</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="441" />
        <source>Filter by action, owner or meeting</source>
        <translation>対応事項・担当・面談で絞り込み</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="442" />
        <source>Filter follow-ups</source>
        <translation>フォローアップの絞り込み</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="443" />
        <source>Overdue only</source>
        <translation>期限切れのみ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="444" />
        <source>Show only overdue follow-ups</source>
        <translation>期限切れのフォローアップのみ表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="445" />
        <source>Include done</source>
        <translation>完了分も表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="446" />
        <source>Include follow-ups that are done or dropped</source>
        <translation>完了・取りやめのフォローアップも表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/followups.py" line="447" />
        <source>Follow-ups list</source>
        <translation>フォローアップ一覧</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/lists/page.py" line="294" />
        <source>%n in the trash</source>
        <translation><numerusform>ごみ箱に %n 件</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/lists/page.py" line="296" />
        <source>%n found</source>
        <translation><numerusform>%n 件該当</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/lists/page.py" line="298" />
        <source>%n records</source>
        <translation><numerusform>%n 件</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/lists/page.py" line="331" />
        <source>Exported %n records to {files}.</source>
        <translation><numerusform>%n 件を {files} に書き出しました。</numerusform></translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="345" />
        <source>Restore</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="350" />
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="353" />
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="358" />
        <source>Print preview…</source>
        <translation>印刷プレビュー…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="362" />
        <source>Export PDF…</source>
        <translation>PDFで書き出す…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="365" />
        <source>Move to trash</source>
        <translation>ごみ箱に移す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="408" />
        <source>Meetings</source>
        <translation>面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="409" />
        <source>Visits</source>
        <translation>視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="410" />
        <source>Projects</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="411" />
        <source>Contacts</source>
        <translation>連絡先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="416" />
        <location filename="../../fieldkit/ui/lists/page.py" line="428" />
        <source>Trash</source>
        <translation>ごみ箱</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="418" />
        <source>New meeting</source>
        <translation>新規面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="419" />
        <source>New visit</source>
        <translation>新規視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="420" />
        <source>New project</source>
        <translation>新規案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="421" />
        <source>New contact</source>
        <translation>新規連絡先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="426" />
        <source>New organisation…</source>
        <translation>新規機関…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="427" />
        <source>New person…</source>
        <translation>新規人物…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="429" />
        <source>Show deleted records; select one to restore it</source>
        <translation>削除した記録を表示します。選択すると元に戻せます</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="430" />
        <source>Show trash</source>
        <translation>ごみ箱を表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="431" />
        <source>Export CSV</source>
        <translation>CSV書き出し</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="433" />
        <source>Save every record in this list as a CSV file for Excel</source>
        <translation>この一覧のすべての記録を Excel 用の CSV ファイルに保存します</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="435" />
        <source>Export list as CSV</source>
        <translation>一覧をCSVで書き出す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lists/page.py" line="436" />
        <source>%1 list</source>
        <translation>%1 一覧</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="90" />
        <source>Sync with headquarters is not part of this build.</source>
        <translation>本省との同期はこの版には含まれていません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="338" />
        <source>Select a meeting, visit or project to print it.</source>
        <translation>印刷するには面談・視察・案件を選択してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="345" />
        <source>Select a meeting, visit or project to export it as PDF.</source>
        <translation>PDFで書き出すには面談・視察・案件を選択してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="394" />
        <source>Settings saved.</source>
        <translation>設定を保存しました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="400" />
        <source>Problems are logged to {path}</source>
        <translation>問題は {path} に記録されます</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="402" />
        <source>No log file is set.</source>
        <translation>ログファイルが設定されていません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="403" />
        <source>Log file</source>
        <translation>ログファイル</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="414" />
        <location filename="../../fieldkit/ui/main_window.py" line="531" />
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message numerus="yes">
        <location filename="../../fieldkit/ui/main_window.py" line="441" />
        <source>%n changes not yet synced</source>
        <translation><numerusform>未同期の変更 %n 件</numerusform></translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="443" />
        <source>All changes synced</source>
        <translation>すべて同期済み</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="491" />
        <source>Meetings</source>
        <translation>面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="492" />
        <source>Visits</source>
        <translation>視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="493" />
        <source>Projects</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="494" />
        <source>Contacts</source>
        <translation>連絡先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="495" />
        <source>Follow-ups</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="496" />
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="497" />
        <source>Sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="501" />
        <source>FieldKit {version}</source>
        <translation>FieldKit {version}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="506" />
        <source>Navigator</source>
        <translation>ナビゲーター</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="507" />
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="508" />
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="509" />
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="510" />
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="511" />
        <source>Reports</source>
        <translation>報告書</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="514" />
        <source>New meeting…</source>
        <translation>新規面談…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="515" />
        <source>New visit…</source>
        <translation>新規視察…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="516" />
        <source>New project…</source>
        <translation>新規案件…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="517" />
        <source>New organisation…</source>
        <translation>新規機関…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="518" />
        <source>New person…</source>
        <translation>新規人物…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="519" />
        <source>Print preview…</source>
        <translation>印刷プレビュー…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="520" />
        <source>Export PDF…</source>
        <translation>PDFで書き出す…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="521" />
        <source>Period digest…</source>
        <translation>期間ダイジェスト…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="522" />
        <source>Follow-ups report…</source>
        <translation>フォローアップ一覧表…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="523" />
        <source>Projects report…</source>
        <translation>案件状況表…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="524" />
        <source>Export list as CSV…</source>
        <translation>一覧をCSVで書き出す…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="525" />
        <source>Import IATI…</source>
        <translation>IATIから取り込む…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="526" />
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="527" />
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="528" />
        <source>Edit record…</source>
        <translation>記録を編集…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="529" />
        <source>History…</source>
        <translation>履歴…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="530" />
        <source>Move to trash</source>
        <translation>ごみ箱に移す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="532" />
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="533" />
        <source>Show trash</source>
        <translation>ごみ箱を表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="534" />
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="535" />
        <source>About FieldKit</source>
        <translation>FieldKit について</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/main_window.py" line="536" />
        <source>Where problems are logged</source>
        <translation>ログファイルの場所</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="37" />
        <source>an address cannot contain spaces</source>
        <translation>アドレスに空白は使えません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="40" />
        <source>expected an address like https://hq.example.go.jp</source>
        <translation>https://hq.example.go.jp のような形式で入力してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="52" />
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="58" />
        <source>e.g. Embassy of Japan in Kenya</source>
        <translation>例: 在ケニア日本国大使館</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="66" />
        <source>Same as the system</source>
        <translation>システムと同じ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="87" />
        <location filename="../../fieldkit/ui/settings_dialog.py" line="95" />
        <source>Your name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="88" />
        <location filename="../../fieldkit/ui/settings_dialog.py" line="96" />
        <source>Post (embassy)</source>
        <translation>在外公館</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="89" />
        <location filename="../../fieldkit/ui/settings_dialog.py" line="97" />
        <source>Default marking</source>
        <translation>既定の取扱区分</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="90" />
        <location filename="../../fieldkit/ui/settings_dialog.py" line="98" />
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="91" />
        <location filename="../../fieldkit/ui/settings_dialog.py" line="99" />
        <source>Paper size</source>
        <translation>用紙サイズ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="92" />
        <location filename="../../fieldkit/ui/settings_dialog.py" line="100" />
        <source>HQ server address</source>
        <translation>本省サーバーのアドレス</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="103" />
        <source>Your name and post are written on every record you create or edit.</source>
        <translation>氏名と在外公館は、作成・編集するすべての記録に記載されます。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="121" />
        <source>HQ server address: {problem}</source>
        <translation>本省サーバーのアドレス: {problem}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/settings_dialog.py" line="152" />
        <source>Could not save the settings: {reason}</source>
        <translation>設定を保存できませんでした: {reason}</translation>
    </message>
</context>
</TS>
