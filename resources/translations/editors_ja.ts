<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name></name>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="97"/>
        <source>Loading...</source>
        <translation>読み込み中...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="132"/>
        <source>Classification marking</source>
        <translation>秘密区分の表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="144"/>
        <source>Problems to fix before saving</source>
        <translation>保存前に直す問題</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="171"/>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="172"/>
        <source>Print...</source>
        <translation>印刷...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="173"/>
        <source>Export PDF...</source>
        <translation>PDFに出力...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="176"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="177"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="180"/>
        <source>Save (%1)</source>
        <translation>保存 (%1)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="188"/>
        <source>Show the edit history</source>
        <translation>編集履歴を表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="189"/>
        <source>Print this record</source>
        <translation>この記録を印刷</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="190"/>
        <source>Export this record as PDF</source>
        <translation>この記録をPDFに出力</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="191"/>
        <source>Close the editor</source>
        <translation>編集画面を閉じる</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="192"/>
        <source>Save the record</source>
        <translation>記録を保存</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="285"/>
        <source>Handling</source>
        <translation>取扱い</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="289"/>
        <location filename="../../fieldkit/ui/editors/base.py" line="290"/>
        <location filename="../../fieldkit/ui/editors/history.py" line="47"/>
        <source>Classification</source>
        <translation>秘密区分</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="292"/>
        <location filename="../../fieldkit/ui/editors/history.py" line="48"/>
        <source>Caveats</source>
        <translation>取扱注意事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="295"/>
        <location filename="../../fieldkit/ui/editors/base.py" line="632"/>
        <source>Follow-up actions</source>
        <translation>フォローアップ事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="296"/>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="29"/>
        <source>Follow-up</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="425"/>
        <source>This record cannot be opened.</source>
        <translation>この記録は開けません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="435"/>
        <source>Restored from an unsaved draft</source>
        <translation>未保存の下書きから復元しました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="471"/>
        <location filename="../../fieldkit/ui/editors/base.py" line="481"/>
        <source>Changed elsewhere meanwhile; saving keeps those changes to other fields.</source>
        <translation>この間に他所で変更されました。保存しても他の項目への変更は保持されます。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="489"/>
        <source>Changed elsewhere:</source>
        <translation>他所で変更されました:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="511"/>
        <source>New %1</source>
        <translation>新規%1</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="546"/>
        <source>%1 · revision %2 · last changed %3 by %4</source>
        <translation>%1 · 第%2版 · 最終更新 %3（%4）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="555"/>
        <source>%1 · not saved yet</source>
        <translation>%1 · 未保存</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="632"/>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="638"/>
        <source>... and %1 more</source>
        <translation>... ほか%1件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="639"/>
        <source>Fix these before saving:</source>
        <translation>保存する前に次を直してください:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="666"/>
        <source>Not saved: fix the problems shown in red.</source>
        <translation>保存していません。赤字の問題を直してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="699"/>
        <source>Saving...</source>
        <translation>保存中...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="720"/>
        <source>Saved at %1</source>
        <translation>%1 に保存しました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="723"/>
        <source>Saved, with problems:</source>
        <translation>保存しましたが、問題があります:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="736"/>
        <location filename="../../fieldkit/ui/editors/base.py" line="739"/>
        <location filename="../../fieldkit/ui/editors/base.py" line="741"/>
        <source>Not saved.</source>
        <translation>保存していません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="738"/>
        <source>Not saved:</source>
        <translation>保存していません:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="767"/>
        <source>Draft kept at %1</source>
        <translation>%1 に下書きを保存しました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="802"/>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="804"/>
        <source>Save the changes to “%1” before closing?</source>
        <translation>閉じる前に「%1」の変更を保存しますか？</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="807"/>
        <source>If you discard them, what you typed since the last save is lost.</source>
        <translation>破棄すると、最後の保存以降に入力した内容は失われます。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/base.py" line="836"/>
        <source>Showing the last saved version; save to include your changes.</source>
        <translation>最後に保存した版を表示しています。変更を含めるには保存してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/common.py" line="48"/>
        <location filename="../../fieldkit/ui/editors/common.py" line="50"/>
        <location filename="../../fieldkit/ui/editors/common.py" line="72"/>
        <source>Required</source>
        <translation>必須項目です</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/common.py" line="53"/>
        <source>Too long: %1 characters; the limit is %2 (nothing was cut: shorten it)</source>
        <translation>長すぎます: %1文字（上限%2文字）。切り詰めてはいません。短くしてください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/common.py" line="60"/>
        <source>The end time is before the start time (end_time is before start_time)</source>
        <translation>終了時刻が開始時刻より前です</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/common.py" line="63"/>
        <source>Not a number (got %1)</source>
        <translation>数値ではありません（入力: %1）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/common.py" line="66"/>
        <source>Out of range: %1 (allowed %2 to %3)</source>
        <translation>範囲外です: %1（%2～%3）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="24"/>
        <source>Meeting</source>
        <translation>面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="25"/>
        <source>Visit</source>
        <translation>視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="26"/>
        <location filename="../../fieldkit/ui/editors/history.py" line="50"/>
        <source>Project</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="27"/>
        <location filename="../../fieldkit/ui/editors/history.py" line="74"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="217"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="232"/>
        <source>Organisation</source>
        <translation>所属・機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="28"/>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="102"/>
        <source>changes to a saved record</source>
        <translation>保存済みの記録への変更</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="102"/>
        <source>new, never saved</source>
        <translation>新規・未保存</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="104"/>
        <source>(untitled)</source>
        <translation>（無題）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="29"/>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="30"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="31"/>
        <source>Start time</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="32"/>
        <source>End time</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="33"/>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="34"/>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="35"/>
        <source>Counterpart organisations</source>
        <translation>先方機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="36"/>
        <source>Partner side</source>
        <translation>先方出席者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="37"/>
        <source>Our side</source>
        <translation>当方</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="38"/>
        <source>Policy fields</source>
        <translation>重点分野</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="39"/>
        <source>Instruments</source>
        <translation>協力手段</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="40"/>
        <source>Summit / forum</source>
        <translation>首脳会議・フォーラム</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="41"/>
        <source>Key points</source>
        <translation>要旨</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="42"/>
        <source>Partner&apos;s requests</source>
        <translation>先方の要望</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="43"/>
        <source>Our responses</source>
        <translation>当方の応答</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="44"/>
        <source>Drafter</source>
        <translation>起案者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="45"/>
        <source>Approver</source>
        <translation>決裁者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="46"/>
        <source>Distribution</source>
        <translation>配布先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="49"/>
        <source>Post</source>
        <translation>在外公館</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="51"/>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="52"/>
        <source>Site</source>
        <translation>視察先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="53"/>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="54"/>
        <source>Longitude</source>
        <translation>経度</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="55"/>
        <source>Visitors</source>
        <translation>視察者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="56"/>
        <source>People met</source>
        <translation>面会者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="57"/>
        <source>Progress against plan</source>
        <translation>計画に対する進捗</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="58"/>
        <source>Use of facilities and equipment</source>
        <translation>施設・機材の利用状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="59"/>
        <source>DAC criteria</source>
        <translation>DAC評価基準</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="60"/>
        <source>Overall rating</source>
        <translation>総合評価</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="61"/>
        <source>Findings</source>
        <translation>所見</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="62"/>
        <source>Issues and risks</source>
        <translation>課題・リスク</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="63"/>
        <source>Recommendations</source>
        <translation>提言</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="64"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="215"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="230"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="65"/>
        <source>Name (local language)</source>
        <translation>名称（現地語）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="66"/>
        <source>Acronym</source>
        <translation>略称</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="67"/>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="68"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="69"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="70"/>
        <source>Email</source>
        <translation>メール</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="71"/>
        <source>Website</source>
        <translation>ウェブサイト</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="72"/>
        <source>IATI organisation id</source>
        <translation>IATI機関ID</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="73"/>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="75"/>
        <source>From</source>
        <translation>発生元</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="76"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="288"/>
        <source>Action</source>
        <translation>対応事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="77"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="289"/>
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="78"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="290"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="79"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="291"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="80"/>
        <source>Done on</source>
        <translation>完了日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="81"/>
        <source>Description</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="82"/>
        <source>IATI identifier</source>
        <translation>IATI識別子</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="83"/>
        <source>Scheme</source>
        <translation>スキーム</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="84"/>
        <source>Budget</source>
        <translation>予算</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="85"/>
        <source>Currency</source>
        <translation>通貨</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="86"/>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="87"/>
        <source>Implementing partner</source>
        <translation>実施機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="88"/>
        <source>Reporting organisation</source>
        <translation>報告機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="89"/>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="90"/>
        <source>End</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="91"/>
        <source>Grant contract signed</source>
        <translation>贈与契約締結日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="92"/>
        <source>Interim report due</source>
        <translation>中間報告期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="93"/>
        <source>Interim report received</source>
        <translation>中間報告受領日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="94"/>
        <source>Completion report due</source>
        <translation>完了報告期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="95"/>
        <source>Completion report received</source>
        <translation>完了報告受領日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="96"/>
        <source>Completed</source>
        <translation>完了日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="97"/>
        <location filename="../../fieldkit/ui/editors/photos.py" line="108"/>
        <source>Caption</source>
        <translation>説明</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="98"/>
        <source>Position</source>
        <translation>順序</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="99"/>
        <source>In the trash</source>
        <translation>ごみ箱</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="133"/>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="133"/>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="163"/>
        <source>Created</source>
        <translation>作成</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="164"/>
        <source>Edited</source>
        <translation>編集</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="165"/>
        <source>Moved to the trash</source>
        <translation>ごみ箱へ移動</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="166"/>
        <source>Restored from the trash</source>
        <translation>ごみ箱から復元</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="167"/>
        <source>Imported</source>
        <translation>取込み</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="168"/>
        <source>Synced</source>
        <translation>同期</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="169"/>
        <source>Demo data</source>
        <translation>デモデータ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="63"/>
        <source>%1 is larger than %2 MB</source>
        <translation>%1 は %2 MB を超えています</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="107"/>
        <source>Reading...</source>
        <translation>読み込み中...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="108"/>
        <source>Caption of photo %1</source>
        <translation>写真%1の説明</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="117"/>
        <source>Remove this photo</source>
        <translation>この写真を外す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="118"/>
        <source>Remove photo %1</source>
        <translation>写真%1を外す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="164"/>
        <source>Taken %1</source>
        <translation>撮影 %1</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="168"/>
        <source>added when you save</source>
        <translation>保存時に追加</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="187"/>
        <source>No photos yet. Drop photos here, or add them with the button.</source>
        <translation>写真はまだありません。ここに写真をドロップするか、ボタンで追加してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="189"/>
        <source>Add photos...</source>
        <translation>写真を追加...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/photos.py" line="190"/>
        <location filename="../../fieldkit/ui/editors/photos.py" line="206"/>
        <source>Add photos</source>
        <translation>写真を追加</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="45"/>
        <source>Open</source>
        <translation>未了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="45"/>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="45"/>
        <source>Dropped</source>
        <translation>取りやめ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="89"/>
        <source>None yet.</source>
        <translation>まだありません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="121"/>
        <source>Remove this row</source>
        <translation>この行を削除</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="123"/>
        <source>Remove row %1 of %2</source>
        <translation>%2の%1行目を削除</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="216"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="231"/>
        <source>Title / position</source>
        <translation>役職</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="219"/>
        <location filename="../../fieldkit/ui/editors/tables.py" line="234"/>
        <source>Add person</source>
        <translation>人を追加</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="240"/>
        <source>Add a partner attendee from contacts</source>
        <translation>連絡先から先方出席者を追加</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="242"/>
        <source>Add from contacts: type a name...</source>
        <translation>連絡先から追加: 名前を入力...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="246"/>
        <source>New contact...</source>
        <translation>新しい連絡先...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="247"/>
        <source>New contact</source>
        <translation>新しい連絡先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/tables.py" line="293"/>
        <source>Add follow-up</source>
        <translation>フォローアップを追加</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="31"/>
        <source>not rated</source>
        <translation>未評価</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="49"/>
        <source>Criterion</source>
        <translation>評価項目</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="49"/>
        <source>Rating</source>
        <translation>評価</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="49"/>
        <source>Note</source>
        <translation>所見</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="58"/>
        <source>%1 rating</source>
        <translation>%1の評価</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="59"/>
        <source>%1 note</source>
        <translation>%1の所見</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="185"/>
        <source>Set %1</source>
        <translation>%1を設定</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="186"/>
        <source>Tick to set %1</source>
        <translation>チェックすると%1を設定します</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="312"/>
        <source>Type a country name or code</source>
        <translation>国名またはコードを入力</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="344"/>
        <source>No country matches “%1”: pick one from the list</source>
        <translation>「%1」に一致する国がありません。一覧から選んでください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="413"/>
        <source>Type to search...</source>
        <translation>入力して検索...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="504"/>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="557"/>
        <source>Remove</source>
        <translation>外す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="505"/>
        <source>Remove the link to %1</source>
        <translation>%1とのリンクを外す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="554"/>
        <source>Chosen: %1</source>
        <translation>選択済み: %1</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/widgets.py" line="558"/>
        <source>Remove the selected %1</source>
        <translation>選択した%1を外す</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="63"/>
        <source>Unsaved work</source>
        <translation>未保存の作業</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="67"/>
        <source>FieldKit closed without saving these. Restore opens each in its editor as you left it; Discard throws the unsaved typing away.</source>
        <translation>FieldKit は次の記録を保存せずに終了しました。「復元」で終了時の状態のまま編集画面を開きます。「破棄」で未保存の入力を捨てます。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="76"/>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="76"/>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="76"/>
        <source>Kept at</source>
        <translation>保存日時</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="86"/>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="88"/>
        <source>Decide later</source>
        <translation>後で決める</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="105"/>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="106"/>
        <source>Restore %1</source>
        <translation>%1を復元</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="107"/>
        <source>Discard</source>
        <translation>破棄</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/drafts.py" line="108"/>
        <source>Discard %1</source>
        <translation>%1を破棄</translation>
    </message>
</context>
<context>
    <name>FollowUpEditor</name>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="19"/>
        <source>Follow-up</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="23"/>
        <source>Follow-up action</source>
        <translation>フォローアップ事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="25"/>
        <source>Meeting or visit</source>
        <translation>面談または視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="27"/>
        <source>Type to find the meeting or visit...</source>
        <translation>面談・視察を検索...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="29"/>
        <source>From</source>
        <translation>発生元</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="30"/>
        <source>Action</source>
        <translation>対応事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="31"/>
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="32"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="32"/>
        <source>Due date</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="33"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/followup.py" line="34"/>
        <source>Done on</source>
        <translation>完了日</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="178"/>
        <location filename="../../fieldkit/ui/editors/history.py" line="183"/>
        <source>Edit history</source>
        <translation>編集履歴</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="179"/>
        <source>Loading...</source>
        <translation>読み込み中...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="187"/>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="188"/>
        <source>Who</source>
        <translation>編集者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="189"/>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="190"/>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="191"/>
        <source>After</source>
        <translation>変更後</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="224"/>
        <source>%1 — %2 revisions</source>
        <translation>%1 — %2版</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/history.py" line="233"/>
        <source>%1 (revision %2)</source>
        <translation>%1（第%2版）</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="32"/>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="40"/>
        <source>Meeting</source>
        <translation>面談</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="44"/>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="46"/>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="46"/>
        <source>e.g. GX policy dialogue with the Ministry of Energy</source>
        <translation>例: エネルギー省とのGX政策対話</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="51"/>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="53"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="54"/>
        <source>From</source>
        <translation>開始</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="54"/>
        <source>Start time</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="55"/>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="55"/>
        <source>End time</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="58"/>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="59"/>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="63"/>
        <source>Counterparts</source>
        <translation>先方</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="65"/>
        <source>Counterpart organisations</source>
        <translation>先方機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="67"/>
        <source>Add an organisation from contacts: type a name...</source>
        <translation>連絡先から機関を追加: 名称を入力...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="69"/>
        <source>New organisation...</source>
        <translation>新しい機関...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="70"/>
        <source>New organisation</source>
        <translation>新しい機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="74"/>
        <source>Organisations</source>
        <translation>機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="75"/>
        <source>Partner attendee</source>
        <translation>先方出席者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="77"/>
        <source>Partner side</source>
        <translation>先方出席者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="79"/>
        <source>Our side</source>
        <translation>当方</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="81"/>
        <source>Attendees</source>
        <translation>出席者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="81"/>
        <source>Our attendee</source>
        <translation>当方出席者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="84"/>
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="88"/>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="89"/>
        <source>Policy fields</source>
        <translation>重点分野</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="94"/>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="95"/>
        <source>Instruments</source>
        <translation>協力手段</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="100"/>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="101"/>
        <source>Summit / forum</source>
        <translation>首脳会議・フォーラム</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="104"/>
        <source>Record of conversation</source>
        <translation>面談記録</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="105"/>
        <source>Key points</source>
        <translation>要旨</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="109"/>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="110"/>
        <source>Partner&apos;s requests</source>
        <translation>先方の要望</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="113"/>
        <source>Our responses</source>
        <translation>当方の応答</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="118"/>
        <source>Drafting and distribution</source>
        <translation>起案・配布</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="119"/>
        <source>Drafter</source>
        <translation>起案者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="120"/>
        <source>Approver</source>
        <translation>決裁者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="124"/>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="125"/>
        <source>Distribution</source>
        <translation>配布先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/meeting.py" line="125"/>
        <source>One addressee per line</source>
        <translation>1行に1配布先</translation>
    </message>
</context>
<context>
    <name>OrganisationEditor</name>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="20"/>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="23"/>
        <source>Organisation</source>
        <translation>所属・機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="24"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="28"/>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="29"/>
        <source>Name (local language)</source>
        <translation>名称（現地語）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="31"/>
        <source>Acronym</source>
        <translation>略称</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="33"/>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="36"/>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="41"/>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="42"/>
        <source>IATI organisation id</source>
        <translation>IATI機関ID</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="44"/>
        <source>Contact details</source>
        <translation>連絡先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="45"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="46"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="47"/>
        <source>Email</source>
        <translation>メール</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="48"/>
        <source>Website</source>
        <translation>ウェブサイト</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="49"/>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="50"/>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="60"/>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="63"/>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="64"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="68"/>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="69"/>
        <source>Name (local script)</source>
        <translation>氏名（現地表記）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="71"/>
        <source>Title / position</source>
        <translation>役職</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="73"/>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="75"/>
        <source>Organisation</source>
        <translation>所属・機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="73"/>
        <source>Type to find the organisation...</source>
        <translation>機関を検索...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="77"/>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="79"/>
        <source>Contact details</source>
        <translation>連絡先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="80"/>
        <source>Email</source>
        <translation>メール</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="81"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="82"/>
        <location filename="../../fieldkit/ui/editors/contacts.py" line="83"/>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>ProjectEditor</name>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="25"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="29"/>
        <source>Project</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="30"/>
        <source>Title</source>
        <translation>案件名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="31"/>
        <source>Scheme</source>
        <translation>スキーム</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="33"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="36"/>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="38"/>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="42"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="43"/>
        <source>Implementing partner</source>
        <translation>実施機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="48"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="49"/>
        <source>IATI identifier</source>
        <translation>IATI識別子</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="54"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="55"/>
        <source>Reporting organisation</source>
        <translation>報告機関</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="57"/>
        <source>Description</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="61"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="64"/>
        <source>Budget</source>
        <translation>予算</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="68"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="69"/>
        <source>Budget amount</source>
        <translation>予算額</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="71"/>
        <source>Currency</source>
        <translation>通貨</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="76"/>
        <source>Dates and reports</source>
        <translation>日程・報告</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="78"/>
        <source>Grant contract signed</source>
        <translation>贈与契約締結日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="79"/>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="80"/>
        <source>End</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="85"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="89"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="90"/>
        <source>Interim report due</source>
        <translation>中間報告期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="94"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="110"/>
        <source>received</source>
        <translation>受領</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="95"/>
        <source>Interim report received</source>
        <translation>中間報告受領日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="101"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="105"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="106"/>
        <source>Completion report due</source>
        <translation>完了報告期限</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="111"/>
        <source>Completion report received</source>
        <translation>完了報告受領日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="115"/>
        <source>Completed</source>
        <translation>完了日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/project.py" line="117"/>
        <location filename="../../fieldkit/ui/editors/project.py" line="118"/>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="103"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="112"/>
        <source>Visit</source>
        <translation>視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="114"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="119"/>
        <source>Project</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="116"/>
        <source>Type part of the project title, place or partner...</source>
        <translation>案件名・場所・実施機関の一部を入力...</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="123"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="124"/>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="124"/>
        <source>e.g. Interim monitoring visit</source>
        <translation>例: 中間モニタリング視察</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="126"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="127"/>
        <source>Site</source>
        <translation>視察先</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="128"/>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="129"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="136"/>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="130"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="136"/>
        <source>Longitude</source>
        <translation>経度</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="135"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="141"/>
        <source>People</source>
        <translation>関係者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="145"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="146"/>
        <source>Visitors</source>
        <translation>視察者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="146"/>
        <source>One name per line</source>
        <translation>1行に1名</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="148"/>
        <source>People met</source>
        <translation>面会者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="148"/>
        <source>Person met</source>
        <translation>面会者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="150"/>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="154"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="155"/>
        <source>Progress against plan</source>
        <translation>計画に対する進捗</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="160"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="161"/>
        <source>Use of facilities and equipment</source>
        <translation>施設・機材の利用状況</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="164"/>
        <source>Evaluation (OECD DAC criteria)</source>
        <translation>評価（OECD DAC評価基準）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="165"/>
        <source>DAC criteria ratings</source>
        <translation>DAC評価基準の評価</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="169"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="170"/>
        <source>Overall rating</source>
        <translation>総合評価</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="173"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="174"/>
        <source>Findings</source>
        <translation>所見</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="176"/>
        <source>Issues and risks</source>
        <translation>課題・リスク</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="181"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="182"/>
        <source>Recommendations</source>
        <translation>提言</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="185"/>
        <location filename="../../fieldkit/ui/editors/visit.py" line="186"/>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="197"/>
        <source>Visit %1</source>
        <translation>視察 %1</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="209"/>
        <source>Monitoring visit: %1</source>
        <translation>モニタリング視察: %1</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="216"/>
        <source>GPS position taken from the photo</source>
        <translation>写真の位置情報からGPSを設定しました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="273"/>
        <source>Photo %1: caption too long: %2 characters; the limit is %3</source>
        <translation>写真%1: 説明が長すぎます（%2文字、上限%3文字）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/editors/visit.py" line="283"/>
        <source>Photo %1: %2</source>
        <translation>写真%1: %2</translation>
    </message>
</context>
</TS>
