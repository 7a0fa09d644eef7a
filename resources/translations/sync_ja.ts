<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ConflictView</name>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="66"/>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="66"/>
        <location filename="../../fieldkit/ui/conflicts.py" line="96"/>
        <source>Mine (this laptop)</source>
        <translation>自分の版（この端末）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="66"/>
        <source>Theirs (HQ)</source>
        <translation>本省の版</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="67"/>
        <source>Keep</source>
        <translation>採用</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="86"/>
        <source>No conflict selected.</source>
        <translation>競合が選択されていません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="91"/>
        <source>%1 “%2”: changed on laptop “%3” and elsewhere. Choose what to keep.</source>
        <translation>%1「%2」：端末「%3」と他の場所の両方で変更されました。どちらを採用するか選んでください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="93"/>
        <source>Mine (sent by “%1”)</source>
        <translation>自分の版（「%1」から送信）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="95"/>
        <source>%1 “%2”: changed on this laptop and elsewhere. Choose what to keep.</source>
        <translation>%1「%2」：この端末と他の場所の両方で変更されました。どちらを採用するか選んでください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="103"/>
        <source>Deleted</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="104"/>
        <location filename="../../fieldkit/ui/conflicts.py" line="105"/>
        <source>deleted</source>
        <translation>削除済み</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="104"/>
        <location filename="../../fieldkit/ui/conflicts.py" line="105"/>
        <source>kept, edited</source>
        <translation>削除せず編集</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="121"/>
        <source>Mine</source>
        <translation>自分の版</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="121"/>
        <source>Theirs</source>
        <translation>本省の版</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="157"/>
        <source>Sync conflicts</source>
        <translation>同期の競合</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="166"/>
        <source>Keep all mine</source>
        <translation>すべて自分の版を採用</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="167"/>
        <source>Keep all theirs</source>
        <translation>すべて本省の版を採用</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="168"/>
        <source>Resolve</source>
        <translation>解決</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="195"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="204"/>
        <source>No conflicts: everything is settled.</source>
        <translation>競合はありません。すべて解決済みです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/conflicts.py" line="221"/>
        <source>Resolved; it reaches HQ with the next sync.</source>
        <translation>解決しました。次回の同期で本省に送信されます。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="48"/>
        <source>Meeting</source>
        <translation>面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="49"/>
        <source>Visit</source>
        <translation>視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="50"/>
        <source>Project</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="51"/>
        <source>Organisation</source>
        <translation>機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="52"/>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="53"/>
        <source>Follow-up</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="54"/>
        <source>Attachment</source>
        <translation>添付ファイル</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="64"/>
        <source>this laptop is not enrolled with HQ: run &apos;fieldkit enroll --server URL --code CODE&apos; with a code from HQ IT</source>
        <translation>この端末は本省に登録されていません。本省IT担当から登録コードを受け取り、「fieldkit enroll --server URL --code CODE」を実行してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="69"/>
        <source>no connection (the server is unreachable or not running)</source>
        <translation>接続できません（サーバーに到達できないか、サーバーが起動していません）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="70"/>
        <source>the connection timed out</source>
        <translation>接続がタイムアウトしました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="71"/>
        <source>the connection was cut</source>
        <translation>接続が切断されました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="73"/>
        <source>unknown enrolment code; check it or ask HQ IT for a new one</source>
        <translation>登録コードが正しくありません。確認するか、本省IT担当に新しいコードを依頼してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="76"/>
        <source>this enrolment code was already used; ask HQ IT for a new one</source>
        <translation>この登録コードは使用済みです。本省IT担当に新しいコードを依頼してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="79"/>
        <source>this device was revoked by HQ</source>
        <translation>この端末の登録は本省により取り消されています</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="80"/>
        <source>this enrolment code has expired; ask HQ IT for a new one</source>
        <translation>この登録コードは有効期限が切れています。本省IT担当に新しいコードを依頼してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="81"/>
        <source>this laptop is not enrolled with HQ (unknown token); enrol it again with a new code from HQ IT</source>
        <translation>この端末は本省に登録されていません（認証情報が不明です）。本省IT担当から新しいコードを受け取り、登録し直してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="86"/>
        <source>this laptop&apos;s access was revoked by HQ; ask HQ IT to enrol it again</source>
        <translation>この端末のアクセス権は本省により取り消されました。本省IT担当に再登録を依頼してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="89"/>
        <source>no device token: enrol this laptop with HQ first</source>
        <translation>端末の認証情報がありません。先にこの端末を本省に登録してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="90"/>
        <source>HQ hit an internal error; the request was not applied</source>
        <translation>本省のサーバーで内部エラーが発生しました。要求は適用されていません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="92"/>
        <source>a registry project: only HQ changes it. HQ&apos;s copy was kept; your version is listed here</source>
        <translation>登録簿の案件のため、変更できるのは本省のみです。本省の版を保持し、この端末での変更をここに表示しています</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="97"/>
        <source>another embassy&apos;s project at HQ: it stays on this laptop only</source>
        <translation>本省では他の大使館の案件です。この端末にのみ残ります</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="108"/>
        <source>server address must start with https:// or http:// (got {url})</source>
        <translation>サーバーのアドレスは https:// または http:// で始めてください（入力：{url}）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="114"/>
        <source>cannot reach HQ at {server}: {why}</source>
        <translation>本省のサーバー {server} に接続できません：{why}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="118"/>
        <source>HQ refused the enrolment: {why}</source>
        <translation>本省が登録を受け付けませんでした：{why}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="123"/>
        <source>HQ sent an answer this FieldKit cannot read ({n} problems); is FieldKit up to date?</source>
        <translation>本省からの応答をこのFieldKitでは読み取れません（問題{n}件）。FieldKitが最新版か確認してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="132"/>
        <source>sync stopped: {why} (tried {n} times); what was sent is kept, the next sync goes on from there</source>
        <translation>同期が中断しました：{why}（{n}回試行）。送信済みの分は保持され、次回の同期はその続きから行います</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="140"/>
        <source>HQ has a problem: {why} (tried {n} times); try again later</source>
        <translation>本省のサーバーに問題があります：{why}（{n}回試行）。しばらくしてから再度お試しください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="146"/>
        <source>HQ refused this laptop: {why}</source>
        <translation>本省がこの端末を受け付けませんでした：{why}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="150"/>
        <source>HQ refused the request: {why}</source>
        <translation>本省が要求を受け付けませんでした：{why}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="154"/>
        <source>attachment {sha}... was damaged on the way; sync again</source>
        <translation>添付ファイル {sha}... が転送中に破損しました。もう一度同期してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="159"/>
        <source>this FieldKit is too old for HQ (sync protocol {version}, HQ needs {needed} or newer): update FieldKit, then sync again</source>
        <translation>このFieldKitは古いため本省と同期できません（同期プロトコル{version}、本省は{needed}以上が必要）。FieldKitを更新してから、もう一度同期してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="167"/>
        <source>record {id} belongs to another embassy; this laptop cannot change it</source>
        <translation>記録 {id} は他の大使館のものです。この端末からは変更できません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="173"/>
        <source>record {id} is no longer on HQ</source>
        <translation>記録 {id} は本省にもうありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="177"/>
        <source>record {id} is a {kind} on HQ, not a {kind_mine}</source>
        <translation>記録 {id} は本省では{kind_mine}ではなく{kind}です</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="182"/>
        <source>device credential kept in the system keyring ({where})</source>
        <translation>端末の認証情報はシステムのキーリング（{where}）に保存しました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="187"/>
        <source>no system keyring on this machine: device credential kept in {where}, readable only by you</source>
        <translation>このパソコンにはシステムのキーリングがないため、端末の認証情報を {where} に保存しました（本人のみ読み取り可能）。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="301"/>
        <source>Resolve conflicts…</source>
        <translation>競合を解決…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="306"/>
        <source>Sync with headquarters</source>
        <translation>本省との同期</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="308"/>
        <source>Server:</source>
        <translation>サーバー：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="309"/>
        <source>Last sync:</source>
        <translation>最終同期：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="310"/>
        <source>Waiting to be sent:</source>
        <translation>未送信の変更：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="311"/>
        <source>Conflicts:</source>
        <translation>競合：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="314"/>
        <source>Sync now</source>
        <translation>今すぐ同期</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="317"/>
        <source>Sync automatically every</source>
        <translation>自動同期：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="322"/>
        <source> min</source>
        <translation> 分ごと</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="341"/>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="341"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="341"/>
        <source>Why HQ refused it</source>
        <translation>受理されなかった理由</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="354"/>
        <source>Forget selected…</source>
        <translation>選択した変更を消去…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="360"/>
        <source>Changes HQ refused (kept on this laptop)</source>
        <translation>本省に受理されなかった変更（この端末に保持）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="369"/>
        <location filename="../../fieldkit/ui/sync_page.py" line="436"/>
        <source>Enrol this laptop</source>
        <translation>この端末を登録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="375"/>
        <source>this computer&apos;s name</source>
        <translation>このパソコンの名前</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="376"/>
        <source>Enrol</source>
        <translation>登録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="379"/>
        <source>Ask HQ IT for a one-time enrolment code for your embassy.</source>
        <translation>本省IT担当に、貴館用の登録コード（1回限り有効）を依頼してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="383"/>
        <source>HQ server address:</source>
        <translation>本省サーバーのアドレス：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="384"/>
        <source>Enrolment code:</source>
        <translation>登録コード：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="385"/>
        <source>Name of this laptop:</source>
        <translation>この端末の名前：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="390"/>
        <source>Enrol again…</source>
        <translation>再登録…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="427"/>
        <source>%1 — embassy %2, this laptop is “%3”</source>
        <translation>%1 — 大使館：%2、この端末：「%3」</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="433"/>
        <source>Not enrolled yet: fill in the form below.</source>
        <translation>まだ登録されていません。下のフォームに入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="436"/>
        <source>Enrol this laptop again</source>
        <translation>この端末を再登録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="441"/>
        <source>never</source>
        <translation>未実施</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="444"/>
        <source>1 changed record</source>
        <translation>変更された記録 1件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="447"/>
        <source>%1 changed records</source>
        <translation>変更された記録 %1件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="449"/>
        <source>nothing</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="453"/>
        <source>1 conflict to resolve</source>
        <translation>未解決の競合 1件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="456"/>
        <source>%1 conflicts to resolve</source>
        <translation>未解決の競合 %1件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="456"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="470"/>
        <source>Last sync did not finish: %1</source>
        <translation>前回の同期は完了しませんでした：%1</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="482"/>
        <source>Forget refused changes</source>
        <translation>受理されなかった変更の消去</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="483"/>
        <source>Forget %1 refused change(s)? The versions HQ refused are no longer kept; the records on this laptop stay as they are.</source>
        <translation>受理されなかった変更%1件を消去しますか？本省に受理されなかった版は保持されなくなります。この端末の記録はそのまま残ります。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="515"/>
        <source>Connecting to HQ…</source>
        <translation>本省に接続しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="531"/>
        <source>Sending changes</source>
        <translation>変更を送信中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="532"/>
        <source>Receiving changes</source>
        <translation>変更を受信中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="533"/>
        <source>Sending photos</source>
        <translation>写真を送信中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="534"/>
        <source>Receiving photos</source>
        <translation>写真を受信中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="547"/>
        <source>Sent %1, received %2 records in %3 s.</source>
        <translation>%1件を送信、%2件を受信しました（%3秒）。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="551"/>
        <source>Photos: %1 sent, %2 received.</source>
        <translation>写真：送信%1件、受信%2件。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="554"/>
        <source>New conflicts to resolve: %1.</source>
        <translation>新たに解決が必要な競合：%1件。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="557"/>
        <source>Changes refused by HQ: %1 (see below).</source>
        <translation>本省に受理されなかった変更：%1件（下記参照）。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="560"/>
        <source>Some records from HQ need a newer FieldKit: update it.</source>
        <translation>本省からの記録の一部は新しいFieldKitが必要です。FieldKitを更新してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="562"/>
        <source>Not fully in step with HQ yet; sync again.</source>
        <translation>本省との同期がまだ完全ではありません。もう一度同期してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="576"/>
        <source>HQ not reachable; trying again in %1 min.</source>
        <translation>本省に接続できません。%1分後に再試行します。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="582"/>
        <source>Sync failed unexpectedly: %1</source>
        <translation>予期しないエラーで同期できませんでした：%1</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="596"/>
        <source>Give both the HQ server address and the code.</source>
        <translation>本省サーバーのアドレスと登録コードの両方を入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="600"/>
        <source>Enrolling…</source>
        <translation>登録しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="610"/>
        <source>Enrolled with embassy %1. %2</source>
        <translation>大使館 %1 の端末として登録しました。%2</translation>
    </message>
</context>
</TS>
