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
        <location filename="../../fieldkit/ui/sync_page.py" line="50"/>
        <source>Meeting</source>
        <translation>面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="51"/>
        <source>Visit</source>
        <translation>視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="52"/>
        <source>Project</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="53"/>
        <source>Organisation</source>
        <translation>機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="54"/>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="55"/>
        <source>Follow-up</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="56"/>
        <source>Attachment</source>
        <translation>添付ファイル</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="155"/>
        <source>Resolve conflicts…</source>
        <translation>競合を解決…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="160"/>
        <source>Sync with headquarters</source>
        <translation>本省との同期</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="162"/>
        <source>Server:</source>
        <translation>サーバー：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="163"/>
        <source>Last sync:</source>
        <translation>最終同期：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="164"/>
        <source>Waiting to be sent:</source>
        <translation>未送信の変更：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="165"/>
        <source>Conflicts:</source>
        <translation>競合：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="168"/>
        <source>Sync now</source>
        <translation>今すぐ同期</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="171"/>
        <source>Sync automatically every</source>
        <translation>自動同期：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="176"/>
        <source> min</source>
        <translation> 分ごと</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="195"/>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="195"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="195"/>
        <source>Why HQ refused it</source>
        <translation>受理されなかった理由</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="208"/>
        <source>Forget selected…</source>
        <translation>選択した変更を消去…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="214"/>
        <source>Changes HQ refused (kept on this laptop)</source>
        <translation>本省に受理されなかった変更（この端末に保持）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="223"/>
        <location filename="../../fieldkit/ui/sync_page.py" line="290"/>
        <source>Enrol this laptop</source>
        <translation>この端末を登録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="229"/>
        <source>this computer&apos;s name</source>
        <translation>このパソコンの名前</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="230"/>
        <source>Enrol</source>
        <translation>登録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="233"/>
        <source>Ask HQ IT for a one-time enrolment code for your embassy.</source>
        <translation>本省IT担当に、貴館用の登録コード（1回限り有効）を依頼してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="237"/>
        <source>HQ server address:</source>
        <translation>本省サーバーのアドレス：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="238"/>
        <source>Enrolment code:</source>
        <translation>登録コード：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="239"/>
        <source>Name of this laptop:</source>
        <translation>この端末の名前：</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="244"/>
        <source>Enrol again…</source>
        <translation>再登録…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="281"/>
        <source>%1 — embassy %2, this laptop is “%3”</source>
        <translation>%1 — 大使館：%2、この端末：「%3」</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="287"/>
        <source>Not enrolled yet: fill in the form below.</source>
        <translation>まだ登録されていません。下のフォームに入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="290"/>
        <source>Enrol this laptop again</source>
        <translation>この端末を再登録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="295"/>
        <source>never</source>
        <translation>未実施</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="298"/>
        <source>1 changed record</source>
        <translation>変更された記録 1件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="301"/>
        <source>%1 changed records</source>
        <translation>変更された記録 %1件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="303"/>
        <source>nothing</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="307"/>
        <source>1 conflict to resolve</source>
        <translation>未解決の競合 1件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="310"/>
        <source>%1 conflicts to resolve</source>
        <translation>未解決の競合 %1件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="310"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="324"/>
        <source>Last sync did not finish: %1</source>
        <translation>前回の同期は完了しませんでした：%1</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="336"/>
        <source>Forget refused changes</source>
        <translation>受理されなかった変更の消去</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="337"/>
        <source>Forget %1 refused change(s)? The versions HQ refused are no longer kept; the records on this laptop stay as they are.</source>
        <translation>受理されなかった変更%1件を消去しますか？本省に受理されなかった版は保持されなくなります。この端末の記録はそのまま残ります。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="369"/>
        <source>Connecting to HQ…</source>
        <translation>本省に接続しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="385"/>
        <source>Sending changes</source>
        <translation>変更を送信中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="386"/>
        <source>Receiving changes</source>
        <translation>変更を受信中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="387"/>
        <source>Sending photos</source>
        <translation>写真を送信中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="388"/>
        <source>Receiving photos</source>
        <translation>写真を受信中</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="401"/>
        <source>Sent %1, received %2 records in %3 s.</source>
        <translation>%1件を送信、%2件を受信しました（%3秒）。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="405"/>
        <source>Photos: %1 sent, %2 received.</source>
        <translation>写真：送信%1件、受信%2件。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="408"/>
        <source>New conflicts to resolve: %1.</source>
        <translation>新たに解決が必要な競合：%1件。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="411"/>
        <source>Changes refused by HQ: %1 (see below).</source>
        <translation>本省に受理されなかった変更：%1件（下記参照）。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="414"/>
        <source>Some records from HQ need a newer FieldKit: update it.</source>
        <translation>本省からの記録の一部は新しいFieldKitが必要です。FieldKitを更新してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="416"/>
        <source>Not fully in step with HQ yet; sync again.</source>
        <translation>本省との同期がまだ完全ではありません。もう一度同期してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="430"/>
        <source>HQ not reachable; trying again in %1 min.</source>
        <translation>本省に接続できません。%1分後に再試行します。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="436"/>
        <source>Sync failed unexpectedly: %1</source>
        <translation>予期しないエラーで同期できませんでした：%1</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="450"/>
        <source>Give both the HQ server address and the code.</source>
        <translation>本省サーバーのアドレスと登録コードの両方を入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="454"/>
        <source>Enrolling…</source>
        <translation>登録しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/sync_page.py" line="464"/>
        <source>Enrolled with embassy %1. %2</source>
        <translation>大使館 %1 の端末として登録しました。%2</translation>
    </message>
</context>
</TS>
